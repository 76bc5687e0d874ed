package dev.cwo.benchmarks.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What this JVM has cost so far: process CPU time, peak resident set (Linux {@code VmHWM}) and the
 * heap left after each garbage collection, the largest of which is kept.
 *
 * <p>Heap after GC is the sum, over the heap pools, of each pool's usage right after a collection,
 * as the collector's notification reports it; it is what the program still held (plus floating
 * garbage the collector chose to leave), not what it allocated. Thread-safe; {@link #start()} once.
 */
final class ProcessGauges {
  private final AtomicLong peakHeapAfterGc = new AtomicLong();
  private final AtomicLong peakOldAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final List<Runnable> removers = new ArrayList<>();

  /** Listens to every collector's notifications from now on. */
  void start() {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    NotificationListener listener = (Notification n, Object handback) -> {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
      long heap = 0;
      long old = 0;
      for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
        if (heapPools.contains(e.getKey())) {
          heap += e.getValue().getUsed();
          if (e.getKey().contains("Old") || e.getKey().contains("Tenured")) {
            old += e.getValue().getUsed();
          }
        }
      }
      peakHeapAfterGc.accumulateAndGet(heap, Math::max);
      peakOldAfterGc.accumulateAndGet(old, Math::max);
      collections.incrementAndGet();
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        removers.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (javax.management.ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
  }

  /** Stops listening. */
  void stop() {
    removers.forEach(Runnable::run);
  }

  /** CPU time of this whole process (all threads, JIT and GC included) since it started. */
  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** A field of {@code /proc/self/status} in KiB ({@code VmHWM}, {@code VmRSS}); -1 if unknown. */
  static long procStatusKib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  long peakHeapAfterGcBytes() {
    return peakHeapAfterGc.get();
  }

  long peakOldAfterGcBytes() {
    return peakOldAfterGc.get();
  }

  long collections() {
    return collections.get();
  }
}
