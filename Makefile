# nongrata -- plain Makefile.  `make` builds, `make test` runs every test,
# `make demo` runs the main job on the bundled samples, SANITIZE=1 builds
# with AddressSanitizer and UndefinedBehaviorSanitizer (into build/san).

CC      ?= cc
CXX     ?= c++
PKGS    := libutf8proc icu-uc icu-i18n jansson sqlite3 libxml-2.0
WARN    := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) -Iinclude -Isrc \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lphonenumber -lstdc++ -lm -lpthread
# the one C++ file: libphonenumber's shim (src/links/phone.cc)
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra $(CFLAGS) -fno-sanitize=vptr -Iinclude -Isrc

ifeq ($(SANITIZE),1)
BUILD   := build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ALL_CXXFLAGS += -fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer -fno-sanitize-recover=all
LDSAN   := -fsanitize=address,undefined
else
BUILD   := build/rel
LDSAN   :=
endif

# src/match/index.c walks bitmaps of a million records word by word: gcc
# vectorises those loops at -O3, not at -O2 (a query's candidates 5% sooner,
# bench/README.md). HOT_CFLAGS= leaves it to CFLAGS alone.
HOT_CFLAGS ?= -O3
$(BUILD)/obj/match/index.o: ALL_CFLAGS += $(HOT_CFLAGS)

TABLES  := $(wildcard data/text/*.txt data/names/*.txt data/records/*.txt data/ledger/*.txt data/links/*.txt)
LIBSRC  := $(wildcard src/text/*.c src/names/*.c src/records/*.c src/store/*.c src/match/*.c src/ledger/*.c src/links/*.c src/report/*.c)
LIBCXX  := $(wildcard src/links/*.cc)
LIBOBJ  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIBSRC)) $(patsubst src/%.cc,$(BUILD)/obj/%.o,$(LIBCXX)) \
           $(BUILD)/obj/gen/tables.o
CLISRC  := $(wildcard src/cli/*.c)
CLIOBJ  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLISRC))
LIB     := $(BUILD)/libnongrata.a
BIN     := $(BUILD)/nongrata
UNITSRC := $(wildcard tests/unit/test_*.c)
UNITBIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNITSRC))
BENCHSRC:= $(wildcard bench/*.c)
BENCHBIN:= $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCHSRC))
FUZZSRC := $(wildcard tests/fuzz/fuzz_*.c)

.PHONY: all deps test unit golden fuzz-replay demo bench fuzz clean

all: deps-check $(BIN) nongrata

# the binary at the top of the tree is the release build
nongrata: $(BUILD)/nongrata
	@if [ "$(SANITIZE)" != 1 ]; then cp $< $@; fi

# V=1 shows the whole commands
Q := $(if $(V),,@)

deps-check:
	@sh scripts/deps.sh --check-only >/dev/null 2>&1 || sh scripts/deps.sh

deps:
	sh scripts/deps.sh

$(BUILD)/gen/tables.c: $(TABLES) tools/gentables.sh
	@mkdir -p $(dir $@)
	@echo "  GEN   $@"
	$(Q)sh tools/gentables.sh $@ $(TABLES)

$(BUILD)/obj/gen/tables.o: $(BUILD)/gen/tables.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: src/%.c include/nongrata.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: src/%.cc $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CXX   $<"
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(LIB): $(LIBOBJ)
	@rm -f $@
	@echo "  AR    $@"
	$(Q)ar rcs $@ $^

$(BIN): $(CLIOBJ) $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDSAN) -o $@ $(CLIOBJ) $(LIB) $(LIBS)

# allocation failure is injected by wrapping the allocator of the library
$(BUILD)/tests/test_alloc: LDWRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit $< -o $@ $(LDWRAP) $(LIB) $(LIBS) $(LDSAN) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  BENCH $@"
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@ $(LIB) $(LIBS) $(LDSAN)

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  FUZZ  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $< tests/fuzz/replay.c -o $@ $(LIB) $(LIBS) $(LDSAN)

test: deps-check $(BIN) $(UNITBIN) $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz-replay/%,$(FUZZSRC))
	@sh tests/run.sh $(BUILD)

demo: deps-check $(BIN) nongrata
	@sh scripts/demo.sh $(BIN)

bench: deps-check $(BENCHBIN) $(BIN)
	@echo "benchmarks built in $(BUILD)/bench; see bench/README.md"

# libFuzzer harnesses (clang): make fuzz, then run build/fuzz/fuzz_NAME
fuzz: deps-check
	@sh scripts/deps.sh fuzz
	@mkdir -p build/fuzz
	$(MAKE) CC=clang CXX=clang++ BUILD=build/fuzzlib CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build/fuzzlib/libnongrata.a
	for f in $(FUZZSRC); do \
	  clang -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=fuzzer,address,undefined \
	    -Iinclude -Isrc $$f -o build/fuzz/$$(basename $$f .c) build/fuzzlib/libnongrata.a $(LIBS) || exit 1; \
	done

clean:
	rm -rf build nongrata
