/*
 * phone.cc -- links_phone_e164 (phone.h) on libphonenumber.  The only C++
 * of nongrata: it catches everything, allocates nothing it hands back, and
 * keeps libphonenumber's logging quiet.
 */
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <string>

#include "links/phone.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

/* The digits of text, a leading + kept (00 read as +). */
static std::string digits_of(const char *text)
{
    std::string d;
    const char *p = text;
    while (*p == ' ' || *p == '\t') p++;
    if (p[0] == '+') d.push_back('+');
    else if (p[0] == '0' && p[1] == '0') {
        d.push_back('+');
        p += 2;
    }
    for (; *p; p++)
        if (*p >= '0' && *p <= '9') d.push_back(*p);
    return d;
}

extern "C" int links_phone_e164(const char *text, const char *region, char *out, size_t cap)
{
    if (!out || cap == 0) return 0;
    out[0] = 0;
    if (!text) return 0;
    try {
        std::string d = digits_of(text);
        /* a last look: what can still be compared */
        std::strncpy(out, d.c_str(), cap - 1);
        out[cap - 1] = 0;
        if (d.size() < 5 || d.size() > 18) return 0;
        const PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
        PhoneNumber n;
        std::string reg = region && *region ? region : "ZZ";
        if (u->Parse(d, reg, &n) != PhoneNumberUtil::NO_PARSING_ERROR) return 0;
        if (!u->IsValidNumber(n)) return 0;
        std::string e164;
        u->Format(n, PhoneNumberUtil::E164, &e164);
        if (e164.size() + 1 > cap) return 0;
        std::memcpy(out, e164.c_str(), e164.size() + 1);
        return 1;
    } catch (...) {
        return 0;
    }
}
