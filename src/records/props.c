/*
 * props.c -- the properties a record may hold, and the column roles of the
 * readers (docs/records.md says the same for users).
 *
 * Names follow FollowTheMoney's Person schema where it has one; the few
 * nongrata adds are marked ftm = 0 and are left out of FtM output.
 */
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

const struct prop_info record_props[] = {
    /* name, ftm, kind */
    {"name", 1, PROP_NAME},
    {"alias", 1, PROP_NAME},
    {"weakAlias", 1, PROP_NAME},
    {"previousName", 1, PROP_NAME},
    {"firstName", 1, PROP_PART},
    {"secondName", 1, PROP_PART},
    {"middleName", 1, PROP_PART},
    {"fatherName", 1, PROP_PART},
    {"lastName", 1, PROP_PART},
    {"title", 1, PROP_TEXT},
    {"birthDate", 1, PROP_DATE},
    {"birthPlace", 1, PROP_TEXT},
    {"deathDate", 1, PROP_DATE},
    {"gender", 1, PROP_TEXT},
    {"nationality", 1, PROP_COUNTRY},
    {"citizenship", 1, PROP_COUNTRY},
    {"country", 1, PROP_COUNTRY},
    {"position", 1, PROP_TEXT},
    {"passportNumber", 1, PROP_ID},
    {"idNumber", 1, PROP_ID},
    {"innCode", 1, PROP_ID},
    {"taxNumber", 1, PROP_ID},
    {"phone", 1, PROP_ID},
    {"email", 1, PROP_ID},
    {"website", 1, PROP_TEXT},
    {"address", 1, PROP_TEXT},
    {"notes", 1, PROP_TEXT},
    {"sourceUrl", 1, PROP_TEXT},
    {"program", 1, PROP_TEXT},
    {"topics", 1, PROP_TEXT},
    {"createdAt", 1, PROP_TEXT},
    {"ethnicity", 1, PROP_TEXT},
    {"registrationNumber", 1, PROP_ID},
    {"swiftBic", 1, PROP_ID},
    {"leiCode", 1, PROP_ID},
    {"imoNumber", 1, PROP_ID},
    {"mmsi", 1, PROP_ID},
    {"ticker", 1, PROP_TEXT},
    {"callSign", 1, PROP_ID},
    {"type", 1, PROP_TEXT},
    {"tonnage", 1, PROP_TEXT},
    {"grossRegisteredTonnage", 1, PROP_TEXT},
    {"flag", 1, PROP_COUNTRY},
    {"motherName", 1, PROP_TEXT},
    {"appearance", 1, PROP_TEXT},
    {"jurisdiction", 1, PROP_COUNTRY},
    {"incorporationDate", 1, PROP_TEXT},
    {"legalForm", 1, PROP_TEXT},
    {"sector", 1, PROP_TEXT},
    {"ogrnCode", 1, PROP_ID},
    {"kppCode", 1, PROP_ID},
    {"okpoCode", 1, PROP_ID},
    /* nongrata's own */
    {"posting", 0, PROP_TEXT},         /* mission or city of a diplomat */
    {"vehiclePlate", 0, PROP_ID},
    {"arrivalDate", 0, PROP_DATE},
    {"departureDate", 0, PROP_DATE},
    {"expulsionDate", 0, PROP_DATE},
    {"source", 0, PROP_TEXT},          /* where the list or row came from */
    {"linkedTo", 0, PROP_TEXT},        /* OFAC "Linked To:" */
    {"birthDateText", 0, PROP_TEXT},   /* a birth date as written, unread */
    {"listedOn", 0, PROP_TEXT},
    {"referenceNumber", 0, PROP_TEXT}, /* UN reference (QDi.123) */
    {"ownerName", 0, PROP_TEXT},       /* OFAC Vess_owner */
    {"cryptoWallet", 0, PROP_ID},      /* OFAC Digital Currency Address */
    {"isin", 0, PROP_ID},
    {"reason", 0, PROP_TEXT},          /* why a list names the person */
    {NULL, 0, 0},
};

const char *record_prop_intern(const char *prop)
{
    /* the common properties first, so the scan is short */
    for (size_t i = 0; record_props[i].name; i++)
        if (prop[0] == record_props[i].name[0] && strcmp(prop, record_props[i].name) == 0)
            return record_props[i].name;
    return NULL;
}

const struct prop_info *record_prop_info(const char *prop)
{
    /* a record's properties are mostly interned: their address says */
    for (size_t i = 0; record_props[i].name; i++)
        if (prop == record_props[i].name) return &record_props[i];
    for (size_t i = 0; record_props[i].name; i++)
        if (prop[0] == record_props[i].name[0] && strcmp(prop, record_props[i].name) == 0)
            return &record_props[i];
    return NULL;
}

const struct role_info record_roles[] = {
    /* role, property (NULL: the record's id / schema) */
    {"id", NULL},
    {"schema", NULL},
    {"name", "name"},
    {"alias", "alias"},
    {"weakalias", "weakAlias"},
    {"previousname", "previousName"},
    {"given", "firstName"},
    {"middle", "middleName"},
    {"surname", "lastName"},
    {"patronymic", "fatherName"},
    {"dob", "birthDate"},
    {"pob", "birthPlace"},
    {"gender", "gender"},
    {"nationality", "nationality"},
    {"citizenship", "citizenship"},
    {"position", "position"},
    {"country", "country"},
    {"passport", "passportNumber"},
    {"idnumber", "idNumber"},
    {"phone", "phone"},
    {"email", "email"},
    {"address", "address"},
    {"note", "notes"},
    {"posting", "posting"},
    {"plate", "vehiclePlate"},
    {"source", "source"},
    {NULL, NULL},
};

const struct role_info *record_role(const char *role)
{
    for (size_t i = 0; record_roles[i].role; i++)
        if (strcmp(role, record_roles[i].role) == 0) return &record_roles[i];
    return NULL;
}

/* Headers seen in the wild, folded (lowercase, letters and digits only),
 * and the role each stands for.  A header that is a property name
 * (FollowTheMoney's or a role's) needs no entry. */
static const struct { const char *header, *role; } header_roles[] = {
    {"id", "id"}, {"entityid", "id"}, {"uid", "id"}, {"entnum", "id"},
    {"fullname", "name"}, {"names", "name"}, {"personname", "name"}, {"nameoriginal", "name"},
    {"aka", "alias"}, {"aliases", "alias"}, {"alsoknownas", "alias"}, {"othernames", "alias"},
    {"firstname", "given"}, {"givenname", "given"}, {"forename", "given"}, {"forenames", "given"},
    {"prenom", "given"}, {"vorname", "given"}, {"imie", "given"}, {"imya", "given"},
    {"middlename", "middle"},
    {"lastname", "surname"}, {"familyname", "surname"}, {"nom", "surname"},
    {"nachname", "surname"}, {"nazwisko", "surname"}, {"familiya", "surname"},
    {"fathername", "patronymic"}, {"otchestvo", "patronymic"}, {"middlenamepatronymic", "patronymic"},
    {"dateofbirth", "dob"}, {"birthdate", "dob"}, {"born", "dob"}, {"birthday", "dob"},
    {"placeofbirth", "pob"}, {"birthplace", "pob"},
    {"sex", "gender"},
    {"citizen", "citizenship"},
    {"function", "position"}, {"role", "position"}, {"rank", "position"},
    {"passportno", "passport"}, {"passportnumber", "passport"}, {"passports", "passport"},
    {"nationalid", "idnumber"}, {"idno", "idnumber"}, {"identitynumber", "idnumber"},
    {"telephone", "phone"}, {"tel", "phone"}, {"phonenumber", "phone"}, {"mobile", "phone"},
    {"emailaddress", "email"}, {"mail", "email"},
    {"notes", "note"}, {"remarks", "note"}, {"comments", "note"}, {"comment", "note"},
    {"mission", "posting"}, {"embassy", "posting"},
    /* French, German, Polish, Dutch, Ukrainian and Russian lists */
    {"datedenaissance", "dob"}, {"lieudenaissance", "pob"}, {"fonction", "position"},
    {"ambassade", "posting"}, {"poste", "posting"}, {"nationalite", "nationality"},
    {"geburtsdatum", "dob"}, {"geburtsort", "pob"}, {"funktion", "position"},
    {"botschaft", "posting"}, {"hinweis", "note"}, {"staatsangehorigkeit", "nationality"},
    {"dataurodzenia", "dob"}, {"miejsceurodzenia", "pob"}, {"stanowisko", "position"},
    {"placowka", "posting"}, {"uwagi", "note"}, {"obywatelstwo", "citizenship"},
    {"naam", "name"}, {"voornaam", "given"}, {"achternaam", "surname"},
    {"geboortedatum", "dob"}, {"functie", "position"}, {"bron", "source"},
    {"opmerking", "note"}, {"opmerkingen", "note"},
    {"піб", "name"}, {"прізвищеімяпобатькові", "name"}, {"прізвище", "surname"},
    {"імя", "given"}, {"побатькові", "patronymic"}, {"датанародження", "dob"},
    {"посада", "position"}, {"фио", "name"}, {"фамилияимяотчество", "name"},
    {"фамилия", "surname"}, {"имя", "given"}, {"отчество", "patronymic"},
    {"датарождения", "dob"}, {"должность", "position"}, {"примечание", "note"},
    {"vehicle", "plate"}, {"vehicleplate", "plate"}, {"licenseplate", "plate"},
    {"registrationplate", "plate"},
    {NULL, NULL},
};

/* A header folded (lowercase, marks dropped, ł as l) without spaces or
 * punctuation, into out: "Date de naissance" is datedenaissance, "Imię"
 * imie, "ПІБ" піб. */
static void fold_header(const char *s, char *out, size_t cap)
{
    char *f = NULL;
    size_t k = 0;
    if (ng_text_fold(s, strlen(s), &f) == NG_OK && f) s = f;
    for (const char *p = s; *p && k + 1 < cap; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[k++] = (char)c;
    }
    /* never half a UTF-8 sequence */
    while (k && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) k--;
    out[k] = 0;
    free(f);
}

const char *record_header_prop(const char *header, int *is_id, int *is_schema)
{
    char f[64];
    *is_id = *is_schema = 0;
    fold_header(header, f, sizeof f);
    if (!f[0]) return NULL;
    if (strcmp(f, "schema") == 0) { *is_schema = 1; return NULL; }
    const char *role = NULL;
    for (size_t i = 0; header_roles[i].header; i++)
        if (strcmp(f, header_roles[i].header) == 0) { role = header_roles[i].role; break; }
    if (!role) {
        /* a property name as a header (the EU annexes, FtM exports) */
        for (size_t i = 0; record_props[i].name; i++) {
            char g[64];
            fold_header(record_props[i].name, g, sizeof g);
            if (strcmp(f, g) == 0) return record_props[i].name;
        }
        const struct role_info *ri = record_role(f);
        if (!ri) return NULL;
        role = ri->role;
    }
    const struct role_info *ri = record_role(role);
    if (!ri) return NULL;
    if (!ri->prop) {
        if (strcmp(role, "id") == 0) *is_id = 1;
        else *is_schema = 1;
    }
    return ri->prop;
}
