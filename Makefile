# omsorg — build, run and test.
#
#   make run     install what is missing, build, load the demo municipality, serve :8080
#   make test    install what is missing, build (normal + ASan/UBSan), run every test tier
#
# Other targets: all (build only), asan, unit, unit-pg (the store's unit tests on PostgreSQL),
# integration, browser, fuzz, bench, deps, format, check-layers (the include rule between src/
# folders), clean.
# A build directory holds one configuration: build/ (normal) or build-asan/ (sanitizers).

CC      ?= gcc
BUILD   ?= build
PKGS    := libmicrohttpd libsodium jansson sqlite3 libpq yaml-0.1 libxml-2.0 cjose libcurl
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-unused-parameter -Wvla
CFLAGS  ?= -O2 -g
ifeq ($(SANITIZE),1)
CFLAGS  := -O1 -g
endif
CFLAGS  += -std=c11 -D_GNU_SOURCE -pthread -Isrc -I$(BUILD)/gen $(WARN) \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcsv (Debian libcsv-dev) ships no pkg-config file.
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

ifeq ($(FUZZ),1)
CFLAGS  += -fsanitize=fuzzer-no-link
endif
ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC  := $(sort $(wildcard src/lib/*.c src/core/*.c src/store/*.c src/app/*.c src/web/*.c src/plan/*.c)) \
            $(filter-out src/cli/main.c,$(sort $(wildcard src/cli/*.c)))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/migrations.o $(BUILD)/obj/gen/law-data.o
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql src/store/migrations/*/*.sql))
UNIT_SRC := $(sort $(wildcard tests/unit/*/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
STATIC   := $(BUILD)/static

.PHONY: all asan run test unit unit-pg integration browser bench deps format clean static fuzz \
        fuzz-bins check-layers

all: $(BUILD)/omsorg static

$(BUILD)/omsorg: $(BUILD)/obj/src/cli/main.o $(BUILD)/libomsorg.a
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libomsorg.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/migrations.c: $(MIGRATIONS) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-migrations.sh src/store/migrations > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/migrations.o: $(BUILD)/gen/migrations.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c -o $@ $<

# The legal bases (share/law/legal-bases.yaml) are compiled in, so every letter cites the
# law as shipped; core/law.h declares law_data_yaml.
$(BUILD)/gen/law-data.c: share/law/legal-bases.yaml scripts/embed-text.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-text.sh law_data_yaml core/law.h $< > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/law-data.o: $(BUILD)/gen/law-data.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libomsorg.a
	@mkdir -p $(dir $@) $(dir $(BUILD)/deps/tests/$*)
	@echo "  TEST    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -MMD -MP -MF $(BUILD)/deps/tests/$*.d \
	    -DOMSORG_TEST_DATA='"$(abspath tests/data)"' -DOMSORG_SHARE_DIR='"$(abspath share)"' \
	    -o $@ $< $(BUILD)/libomsorg.a $(LDLIBS) -lcmocka

# libFuzzer targets (clang): make fuzz, or FUZZ_SECONDS=60 make fuzz
$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libomsorg.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libomsorg.a $(LDLIBS)

fuzz-bins: $(FUZZ_BIN)

fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang SANITIZE=1 FUZZ=1 fuzz-bins
	sh scripts/run-fuzz.sh build-fuzz/fuzz/fuzz-*

# Front-end assets: Det Fælles Designsystem from npm plus omsorg's own CSS/JS.
static: $(STATIC)/.stamp
$(STATIC)/.stamp: web/node_modules/dkfds/package.json $(wildcard web/static/*) \
                  scripts/board-css.sh
	@mkdir -p $(STATIC)/dkfds
	cp -r web/node_modules/dkfds/dist/css web/node_modules/dkfds/dist/js \
	      web/node_modules/dkfds/dist/fonts web/node_modules/dkfds/dist/img $(STATIC)/dkfds/
	cp web/static/* $(STATIC)/
	sh scripts/board-css.sh > $(STATIC)/board.css
	@touch $@

web/node_modules/dkfds/package.json: web/package.json
	cd web && npm install --no-audit --no-fund --loglevel=error
	@touch $@

asan:
	$(MAKE) BUILD=build-asan SANITIZE=1 all unit-bins

unit-bins: $(UNIT_BIN)

deps:
	sh scripts/deps.sh

run: deps
	$(MAKE) all
	@mkdir -p data
	@test -f data/omsorg.db || $(BUILD)/omsorg demo --db data/omsorg.db --plan-days 2
	$(BUILD)/omsorg serve --db data/omsorg.db --port 8080

unit: unit-bins
	sh scripts/run-unit.sh $(UNIT_BIN)

# The store's unit tests on a private PostgreSQL 15 (scripts/with-postgres.sh).
unit-pg: unit-bins
	PG_SERVER_OPTS="-c fsync=off -c synchronous_commit=off" sh scripts/with-postgres.sh \
	    sh scripts/run-unit.sh $(filter $(BUILD)/tests/store/% $(BUILD)/tests/web/%,$(UNIT_BIN))

integration: all
	cd web && OMSORG_BIN=$(abspath $(BUILD)/omsorg) node --test --test-concurrency=1 ../tests/integration/

browser: all
	cd web && OMSORG_BIN=$(abspath $(BUILD)/omsorg) node --test --test-concurrency=1 ../tests/browser/

# The layer rule (lib < core, plan < store < app < web < cli); part of `make test`.
check-layers:
	sh scripts/check-layers.sh src

test: deps
	sh scripts/check-layers.sh src
	$(MAKE) all unit-bins
	$(MAKE) BUILD=build-asan SANITIZE=1 all unit-bins
	$(MAKE) BUILD=build-fuzz CC=clang SANITIZE=1 FUZZ=1 fuzz-bins
	sh scripts/test-all.sh

bench: all
	sh bench/run.sh
	sh bench/planted.sh
	sh bench/visitation.sh
	sh bench/continuity.sh
	sh bench/web.sh
	sh bench/web-ir.sh
	sh bench/rules.sh

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD)/obj $(BUILD)/deps -name '*.d' 2>/dev/null)

# Versioned data shipped beside the binary (the FSIII code system): share/ → $(BUILD)/share/.
.PHONY: share
all: share
share: $(BUILD)/share/.stamp
$(BUILD)/share/.stamp: $(shell find share -type f 2>/dev/null)
	@mkdir -p $(BUILD)/share
	cp -r share/. $(BUILD)/share/
	@touch $@
