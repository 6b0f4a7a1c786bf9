package dev.herald.budget;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The last line of defence behind Herald's own budgets: the heap as the garbage collector left it. Herald's
 * budgets bound what Herald keeps, but not what the server or the host application keep; when the heap is still
 * this full right after a collection, new streams are refused (retryable) and readiness says so, well before an
 * {@code OutOfMemoryError}.
 */
@ApplicationScoped
public class HeapWatch {

    private double fullRatio;
    private List<MemoryPoolMXBean> pools;
    private long maxHeap;

    protected HeapWatch() {
        // for the CDI proxy
    }

    @Inject
    public HeapWatch(BudgetSettings settings) {
        this.fullRatio = settings.heapFullRatio();
        this.pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .toList();
        this.maxHeap = Runtime.getRuntime().maxMemory();
    }

    /** Bytes in use after the latest collection of each heap space (what survives: not garbage). */
    public long usedAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    public long max() {
        return maxHeap;
    }

    public boolean full() {
        return maxHeap > 0 && usedAfterGc() > fullRatio * maxHeap;
    }
}
