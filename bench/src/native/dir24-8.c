/*
 * Native reference for podnet's longest-prefix-match benchmark: a plain DIR-24-8 table (Gupta, Lin, McKeown 1998;
 * the layout of DPDK's rte_lpm) built from the bench's route file, timing its own batched lookups.
 * The bench copies this file into a temp dir and compiles it with the machine's gcc at bench time.
 *
 * usage: dir24-8 ROUTES KEYS OUT
 *   ROUTES  little-endian uint32 pairs (network address, prefix length); the route index is the pair's position
 *   KEYS    little-endian uint32 keys (IPv4 addresses as numbers)
 *   OUT     receives one int32 per key: the index of the longest matching route, -1 for none
 * prints one JSON line: build time, median ns per lookup over chunks of 16,384 keys in repeated passes, a checksum.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXT 0x80000000u

static uint32_t *tbl24;
static uint32_t *tbl8;
static uint32_t groups, cap8;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  void *buf = malloc(n > 0 ? (size_t)n : 1);
  if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(2); }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

typedef struct { uint32_t addr, len, idx; } route_t;

static int by_len(const void *a, const void *b) {
  const route_t *x = a, *y = b;
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  return x->idx < y->idx ? 1 : -1; /* equal prefixes: the first route must win, so insert it last */
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Routes are inserted shortest first, so a longer prefix always overwrites a shorter one. */
static void build(route_t *r, uint32_t n) {
  qsort(r, n, sizeof *r, by_len);
  tbl24 = calloc(1u << 24, sizeof *tbl24);
  cap8 = 1024;
  tbl8 = malloc((size_t)cap8 * 256 * sizeof *tbl8);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = r[i].len, v = r[i].idx + 1;
    uint32_t addr = len == 0 ? 0 : r[i].addr & (0xffffffffu << (32 - len));
    if (len <= 24) {
      uint32_t first = addr >> 8, count = 1u << (24 - len);
      for (uint32_t e = first; e < first + count; e++) tbl24[e] = v; /* no tbl8 group exists yet */
    } else {
      uint32_t e = addr >> 8;
      if (!(tbl24[e] & EXT)) {
        if (groups == cap8) {
          cap8 *= 2;
          tbl8 = realloc(tbl8, (size_t)cap8 * 256 * sizeof *tbl8);
        }
        for (uint32_t k = 0; k < 256; k++) tbl8[groups * 256 + k] = tbl24[e];
        tbl24[e] = EXT | groups++;
      }
      uint32_t g = tbl24[e] & ~EXT, lo = addr & 255, count = 1u << (32 - len);
      for (uint32_t k = lo; k < lo + count; k++) tbl8[g * 256 + k] = v;
    }
  }
}

static void lookup_batch(const uint32_t *keys, int32_t *out, size_t n) {
  const uint32_t *t24 = tbl24, *t8 = tbl8;
  for (size_t i = 0; i < n; i++) {
    uint32_t k = keys[i], v = t24[k >> 8];
    if (v & EXT) v = t8[((v & ~EXT) << 8) | (k & 255)];
    out[i] = (int32_t)v - 1;
  }
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s ROUTES KEYS OUT\n", argv[0]); return 2; }
  size_t rlen, klen;
  uint32_t *raw = read_file(argv[1], &rlen);
  uint32_t *keys = read_file(argv[2], &klen);
  uint32_t nr = (uint32_t)(rlen / 8);
  size_t nk = klen / 4;
  route_t *routes = malloc((nr ? nr : 1) * sizeof *routes);
  for (uint32_t i = 0; i < nr; i++) routes[i] = (route_t){ raw[2 * i], raw[2 * i + 1], i };

  double t0 = now_ns();
  build(routes, nr);
  double build_ns = now_ns() - t0;

  int32_t *out = malloc((nk ? nk : 1) * sizeof *out);
  /* Timed in chunks of CHUNK keys, like the JavaScript batch rows; the figure is the median chunk. */
  enum { CHUNK = 16384, MAXS = 200000 };
  static double samples[MAXS];
  int ns = 0;
  double total = 0;
  lookup_batch(keys, out, nk); /* warm-up: page in the table */
  int passes = 0;
  while (ns < MAXS - (int)(nk / CHUNK) - 1 && (passes < 7 || total < 3e8)) {
    for (size_t off = 0; off + CHUNK <= nk; off += CHUNK) {
      double a = now_ns();
      lookup_batch(keys + off, out + off, CHUNK);
      double b = now_ns() - a;
      samples[ns++] = b;
      total += b;
    }
    passes++;
  }
  qsort(samples, ns, sizeof samples[0], cmp_double);
  uint64_t sum = 0;
  for (size_t i = 0; i < nk; i++) sum += (uint32_t)out[i];

  FILE *f = fopen(argv[3], "wb");
  if (!f || fwrite(out, sizeof *out, nk, f) != nk) { perror(argv[3]); return 2; }
  fclose(f);
  printf("{\"routes\":%u,\"keys\":%zu,\"tbl8Groups\":%u,\"buildNs\":%.0f,\"nsPerLookup\":%.4f,\"passes\":%d,\"checksum\":%llu}\n",
         nr, nk, groups, build_ns, samples[ns / 2] / (double)CHUNK, passes, (unsigned long long)sum);
  return 0;
}
