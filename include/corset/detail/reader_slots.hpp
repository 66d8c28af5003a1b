// corset/detail/reader_slots.hpp - readers that never wait, for values replaced while read.
//
// An origin_set is read on every request and replaced rarely. Readers mark themselves active in
// a slot of their own (one per thread, in a static array), with plain stores; a writer publishes
// the new value, then waits until no slot shows a reader that may still hold the old one, and
// only then frees it. This is user-space RCU, in the two flavours of liburcu:
//
//   - Linux: readers store with no fence at all, and the writer makes every running thread
//     execute a full barrier with membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED). A reader whose
//     `active` store was still in its store buffer is forced to publish it before the writer
//     looks; a reader that had not stored yet will, after that barrier, load the new value.
//   - elsewhere, or until a writer has registered the process for membarrier: readers add one
//     seq_cst fence after their store, and the writer one before it looks (fence to fence).
//
// A slot records the phase it was entered in; a writer flips the phase first, so readers that
// arrive while it waits are not waited for: writers cannot starve. More reading threads than
// slots share one counter per phase (two atomic increments a read: still never waiting); a
// thread that once found every slot taken stays on the counter.
//
// Everything here is constant-initialised (constinit): no guard on the hot path, and usable
// from static initialisers of other translation units.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

// Whether the system call is known. Its commands (MEMBARRIER_CMD_...) are enumerators, which the
// preprocessor cannot see: the syscall number is what can be tested.
#if defined(__linux__) && defined(__NR_membarrier)
#define CORSET_DETAIL_MEMBARRIER 1
#else
#define CORSET_DETAIL_MEMBARRIER 0
#endif

namespace corset::detail {

struct alignas(64) reader_slot_cell {
  std::atomic<std::uint32_t> state{0};  // 0, or reader_active | the phase entered in
  std::atomic<bool> taken{false};       // owned by a live thread
};

struct alignas(64) reader_overflow_counter {
  std::atomic<std::uint64_t> count{0};
};

inline constexpr std::uint32_t reader_active = 2;
inline constexpr std::size_t reader_slot_count = 256;

struct reader_registry {
  reader_slot_cell slots[reader_slot_count];
  reader_overflow_counter overflow[2];
  alignas(64) std::atomic<std::uint32_t> phase{0};
  std::atomic<bool> asymmetric{false};  // set once a writer registered membarrier
  std::mutex writers;
};

// One registry for every origin_set of the process.
constinit inline reader_registry the_reader_registry{};

// The calling thread's slot, or null before its first read.
constinit inline thread_local std::atomic<std::uint32_t>* own_reader_slot = nullptr;

// Whether the calling thread found every slot taken: it counts itself in the shared counter
// from then on.
constinit inline thread_local bool own_reader_counted = false;

// Gives the calling thread's slot back when the thread exits.
struct reader_slot_releaser {
  reader_slot_cell* cell = nullptr;
  reader_slot_releaser() = default;
  reader_slot_releaser(reader_slot_releaser const&) = delete;
  reader_slot_releaser& operator=(reader_slot_releaser const&) = delete;
  ~reader_slot_releaser() {
    if (cell == nullptr) return;
    own_reader_slot = nullptr;
    cell->state.store(0, std::memory_order_release);
    cell->taken.store(false, std::memory_order_release);
  }
};
inline thread_local reader_slot_releaser own_reader_slot_releaser;

class reader_slots {
 public:
  // What leave() needs back.
  struct ticket {
    std::atomic<std::uint32_t>* slot;  // null: counted in the shared overflow counter
    std::uint32_t phase;
  };

  [[nodiscard]] static ticket enter() noexcept {
    reader_registry& r = the_reader_registry;
    std::uint32_t const phase = r.phase.load(std::memory_order_acquire) & 1u;
    std::atomic<std::uint32_t>* slot = own_reader_slot;
    if (slot == nullptr) [[unlikely]] {
      slot = own_reader_counted ? nullptr : claim();
      if (slot == nullptr) {
        own_reader_counted = true;  // one search of the slots per thread, not one per read
        r.overflow[phase].count.fetch_add(1, std::memory_order_seq_cst);
        // Pairs with the writer's fence, as the slot's store does (a seq_cst increment alone
        // would not order the load of the set after it, in the language's model).
        std::atomic_thread_fence(std::memory_order_seq_cst);
        return {nullptr, phase};
      }
    }
    slot->store(reader_active | phase, std::memory_order_relaxed);
    if (r.asymmetric.load(std::memory_order_relaxed)) {
      std::atomic_signal_fence(std::memory_order_seq_cst);  // the writer's membarrier does the rest
    } else {
      std::atomic_thread_fence(std::memory_order_seq_cst);
    }
    return {slot, phase};
  }

  static void leave(ticket t) noexcept {
    if (t.slot == nullptr) [[unlikely]] {
      the_reader_registry.overflow[t.phase].count.fetch_sub(1, std::memory_order_release);
    } else {
      t.slot->store(0, std::memory_order_release);
    }
  }

  // After publishing a new value: returns once no reader can still hold the one it replaced.
  static void wait_for_readers() noexcept {
    reader_registry& r = the_reader_registry;
    std::lock_guard<std::mutex> lock{r.writers};
    if (!r.asymmetric.load(std::memory_order_relaxed) && register_membarrier())
      r.asymmetric.store(true, std::memory_order_relaxed);  // from now on readers skip their fence
    for (int pass = 0; pass != 2; ++pass) {  // each phase once
      std::uint32_t const old_phase = r.phase.load(std::memory_order_relaxed) & 1u;
      r.phase.store(old_phase ^ 1u, std::memory_order_seq_cst);
      barrier();
      for (reader_slot_cell& cell : r.slots) {
        while (cell.state.load(std::memory_order_acquire) == (reader_active | old_phase)) std::this_thread::yield();
      }
      while (r.overflow[old_phase].count.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
    }
  }

 private:
  static bool register_membarrier() noexcept {
#if CORSET_DETAIL_MEMBARRIER
    long const supported = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    if (supported < 0 || (supported & MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0) return false;
    return syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
#else
    return false;
#endif
  }

  // Every thread of the process executes a full barrier before this returns (with membarrier);
  // or this thread does, pairing with the readers' own fences.
  static void barrier() noexcept {
    std::atomic_thread_fence(std::memory_order_seq_cst);
#if CORSET_DETAIL_MEMBARRIER
    if (the_reader_registry.asymmetric.load(std::memory_order_relaxed)) {
      // Registered: the command cannot fail; if it did, readers that skipped their fence could
      // be missed, so stop rather than free memory a reader may hold.
      if (syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0) std::terminate();
    }
#endif
  }

  // The calling thread's slot, claimed on its first read and given back when it exits.
  static std::atomic<std::uint32_t>* claim() noexcept {
    for (reader_slot_cell& cell : the_reader_registry.slots) {
      bool expected = false;
      if (cell.taken.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
        own_reader_slot = &cell.state;
        own_reader_slot_releaser.cell = &cell;
        return own_reader_slot;
      }
    }
    return nullptr;
  }
};

}  // namespace corset::detail
