/*
 * script.c -- script detection with ICU's uscript_getScript(), and the
 * repair of Latin/Cyrillic look-alikes within a word.
 *
 * A token is MIXED only when, after the repair, letters of two scripts stay:
 * "Сергiй" (Latin i) is Cyrillic, "Ivanоv" (Cyrillic о) is Latin, while
 * "Иван-Ivan" is split into two tokens before it gets here.
 */
#include "text/script.h"

#include <unicode/uscript.h>

ng_script script_of_cp(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return NG_SCRIPT_LATIN;
        return NG_SCRIPT_NONE;
    }
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)cp, &err);
    if (U_FAILURE(err)) return NG_SCRIPT_OTHER;
    switch (sc) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED: return NG_SCRIPT_NONE;
    case USCRIPT_LATIN: return NG_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return NG_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return NG_SCRIPT_GREEK;
    case USCRIPT_GEORGIAN: return NG_SCRIPT_GEORGIAN;
    case USCRIPT_ARMENIAN: return NG_SCRIPT_ARMENIAN;
    case USCRIPT_ARABIC: return NG_SCRIPT_ARABIC;
    case USCRIPT_HEBREW: return NG_SCRIPT_HEBREW;
    case USCRIPT_HAN: return NG_SCRIPT_HAN;
    default: return NG_SCRIPT_OTHER;
    }
}

ng_script script_of_cps(const uint32_t *cps, size_t n)
{
    ng_script s = NG_SCRIPT_NONE;
    for (size_t i = 0; i < n; i++) {
        ng_script c = script_of_cp(cps[i]);
        if (c == NG_SCRIPT_NONE) continue;
        if (s == NG_SCRIPT_NONE) s = c;
        else if (s != c) return NG_SCRIPT_MIXED;
    }
    return s;
}

/* Latin letter -> Cyrillic look-alike, lower and upper case. */
static const struct { uint32_t lat, cyr; } look_alike[] = {
    {'a', 0x0430}, {'c', 0x0441}, {'e', 0x0435}, {'i', 0x0456}, {'o', 0x043E},
    {'p', 0x0440}, {'x', 0x0445}, {'y', 0x0443}, {'A', 0x0410}, {'B', 0x0412},
    {'C', 0x0421}, {'E', 0x0415}, {'H', 0x041D}, {'I', 0x0406}, {'K', 0x041A},
    {'M', 0x041C}, {'O', 0x041E}, {'P', 0x0420}, {'T', 0x0422}, {'X', 0x0425},
};

size_t script_fix_homoglyphs(uint32_t *cps, size_t n)
{
    size_t lat = 0, cyr = 0;
    for (size_t i = 0; i < n; i++) {
        ng_script s = script_of_cp(cps[i]);
        if (s == NG_SCRIPT_LATIN) lat++;
        else if (s == NG_SCRIPT_CYRILLIC) cyr++;
    }
    if (lat == 0 || cyr == 0) return 0;
    int to_cyr = cyr >= lat;
    size_t nlook = sizeof look_alike / sizeof look_alike[0];
    /* every minority letter must have a look-alike, else leave it MIXED */
    for (size_t i = 0; i < n; i++) {
        ng_script s = script_of_cp(cps[i]);
        if (s != (to_cyr ? NG_SCRIPT_LATIN : NG_SCRIPT_CYRILLIC)) continue;
        size_t k = 0;
        while (k < nlook && (to_cyr ? look_alike[k].lat : look_alike[k].cyr) != cps[i]) k++;
        if (k == nlook) return 0;
    }
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < nlook; k++) {
            if (to_cyr && cps[i] == look_alike[k].lat) { cps[i] = look_alike[k].cyr; changed++; break; }
            if (!to_cyr && cps[i] == look_alike[k].cyr) { cps[i] = look_alike[k].lat; changed++; break; }
        }
    }
    return changed;
}
