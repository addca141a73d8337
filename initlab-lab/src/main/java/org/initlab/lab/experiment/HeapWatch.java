package org.initlab.lab.experiment;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The largest Java heap in use just after a garbage collection while each of several slots (the
 * experiments of a run) had work running: an approximate peak of the data the slot kept alive.
 * It is the whole process's heap, so while slots run at the same time each one's figure includes
 * the others'; run one experiment alone for its own. Collections are reported by the JVM's
 * notifications, so watching costs nothing between them; a slot during which no collection ended
 * has no figure (-1).
 */
public final class HeapWatch implements AutoCloseable {
    private final int[] running;
    private final long[] peak;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final Set<String> heapPools;
    private final NotificationListener listener = this::collected;

    public HeapWatch(int slots) {
        running = new int[slots];
        peak = new long[slots];
        Arrays.fill(peak, -1);
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    /** Work of {@code slot} started. */
    public synchronized void begin(int slot) {
        running[slot]++;
    }

    /** Work of {@code slot} ended. */
    public synchronized void end(int slot) {
        running[slot]--;
    }

    /** The peak in bytes for {@code slot}, or -1 when no collection ended while it ran. */
    public synchronized long peak(int slot) {
        return peak[slot];
    }

    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            MemoryUsage u = pool.getValue();
            if (heapPools.contains(pool.getKey())) {
                used += u.getUsed();
            }
        }
        synchronized (this) {
            for (int i = 0; i < running.length; i++) {
                if (running[i] > 0) {
                    peak[i] = Math.max(peak[i], used);
                }
            }
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
    }
}
