package dev.vigil.app.config;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of one app: one block cache shared by every store
 * (index and filter blocks included), and memtables charged to that same cache. Kafka Streams'
 * default gives each store its own 50 MiB cache and up to 3 x 16 MiB memtables, so an app with two
 * dozen store instances could grow past its container's limit. Set with
 * {@code kafka-streams.rocksdb.config.setter=dev.vigil.app.config.BoundedRocksDbConfig}.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Block cache + memtables of every store of the JVM together. */
    public static final long TOTAL_OFF_HEAP_BYTES = 64L << 20;
    /** The part of the total that memtables may take. */
    public static final long MEMTABLE_BYTES = 16L << 20;
    static final long WRITE_BUFFER_BYTES = 4L << 20;
    static final int MAX_WRITE_BUFFERS = 2;
    private static final double INDEX_FILTER_HIGH_PRIORITY_RATIO = 0.1;

    /**
     * Kafka Streams creates a setter per store, so what all stores share must live outside the
     * instances. Created once, never closed: it lives as long as the JVM's stores.
     */
    private static final class Shared {
        static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_HIGH_PRIORITY_RATIO);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        // Kafka Streams hands over its own BlockBasedTableConfig; start from a fresh one otherwise.
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given ? given : new BlockBasedTableConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: not closed with one of them.
    }
}
