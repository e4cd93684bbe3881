/*
 * A minimal hsdis (HotSpot's disassembler plug-in) over Capstone, x86-64 only, so that
 * -XX:+PrintAssembly and JMH's -prof perfasm show instructions instead of hex on JDK 17+. Debian's
 * libhsdis0-fcml exports only the old decode_instructions entry point, which JDK 17 never calls.
 *
 *   sudo apt-get install -y libcapstone-dev
 *   gcc -O2 -shared -fPIC -o /tmp/hsdis/hsdis-amd64.so scripts/hsdis/hsdis-capstone.c -lcapstone
 *   LD_LIBRARY_PATH=/tmp/hsdis java -jar verify-benchmarks/target/benchmarks.jar ... \
 *     -prof 'perfasm:events=cpu-clock;tooBigThreshold=20000'
 *
 * A profiling aid only: nothing in the build uses it.
 */
#include <capstone/capstone.h>
#include <stdint.h>

typedef void *(*event_callback_t)(void *stream, const char *event, void *arg);
typedef int (*printf_callback_t)(void *stream, const char *format, ...);

/* The entry point HotSpot looks up since JDK 9; returns the address after the last instruction. */
void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer,
                                  uintptr_t length, event_callback_t event_callback,
                                  void *event_stream, printf_callback_t printf_callback,
                                  void *printf_stream, const char *options, int newline) {
  (void)options;
  csh handle;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
    return (void *)start_va;
  }
  cs_option(handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
  cs_insn *insn = cs_malloc(handle);
  const uint8_t *code = buffer;
  size_t left = length;
  uint64_t address = start_va;
  while (address < end_va && left > 0) {
    /* HotSpot prints the address and its own annotations around each instruction. */
    if (event_callback) event_callback(event_stream, "insn", (void *)(uintptr_t)address);
    if (cs_disasm_iter(handle, &code, &left, &address, insn)) {
      printf_callback(printf_stream, "%-8s %s", insn->mnemonic, insn->op_str);
    } else { /* not an instruction (data, padding): one byte at a time */
      printf_callback(printf_stream, "(bad)");
      code++;
      left--;
      address++;
    }
    if (event_callback) event_callback(event_stream, "/insn", (void *)(uintptr_t)address);
    if (newline) printf_callback(printf_stream, "\n");
  }
  cs_free(insn, 1);
  cs_close(&handle);
  return (void *)(uintptr_t)address;
}
