package dev.vigil.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbConfigTest {

    @Test
    void everyStoreGetsTheSharedCacheAndSmallMemtables() {
        try (Options options = new Options()) {
            new BoundedRocksDbConfig().setConfig("store", options, Map.of());
            assertEquals(BoundedRocksDbConfig.WRITE_BUFFER_BYTES, options.writeBufferSize());
            assertEquals(BoundedRocksDbConfig.MAX_WRITE_BUFFERS, options.maxWriteBufferNumber());
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertTrue(table.cacheIndexAndFilterBlocks(), "index and filter blocks count against the shared cache");
        }
    }

    @Test
    void rocksDbStoresWorkWithIt() throws Exception {
        // The test driver commits (and so flushes RocksDB) after every record: a few hundred are plenty.
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("a"));
        builder.table("in2", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("b"));
        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "rocksdb-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-rocksdb-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> a = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, String> b = driver.createInputTopic("in2", Serdes.String().serializer(), Serdes.String().serializer());
            for (int i = 0; i < 300; i++) {
                a.pipeInput("k" + i, "v" + i);
                b.pipeInput("k" + i, "w" + i);
            }
            KeyValueStore<String, String> storeA = driver.getKeyValueStore("a");
            KeyValueStore<String, String> storeB = driver.getKeyValueStore("b");
            assertEquals("v299", storeA.get("k299"));
            assertEquals("w0", storeB.get("k0"));
            assertEquals(300, countAll(storeA));
        }
    }

    private static long countAll(KeyValueStore<String, String> store) {
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
