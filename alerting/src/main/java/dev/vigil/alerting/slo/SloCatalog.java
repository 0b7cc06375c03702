package dev.vigil.alerting.slo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLO definitions in force, indexed by id and by service. One instance per running topology:
 * the thread that reads the definitions topic writes it, stream threads and REST requests read it.
 * Readers get immutable snapshots.
 */
public final class SloCatalog {

    private final Map<String, Slo> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Slo>> byService = new ConcurrentHashMap<>();

    /** Adds, replaces ({@code slo} non-null) or removes ({@code slo} null) the SLO {@code id}. */
    public synchronized void put(String id, Slo slo) {
        Slo previous = slo == null ? byId.remove(id) : byId.put(id, slo);
        if (previous != null) {
            byService.computeIfPresent(previous.service(), (s, list) -> {
                List<Slo> rest = list.stream().filter(x -> !x.id().equals(id)).toList();
                return rest.isEmpty() ? null : rest;
            });
        }
        if (slo != null) {
            byService.compute(slo.service(), (s, list) -> {
                List<Slo> next = new ArrayList<>(list == null ? List.of() : list);
                next.add(slo);
                next.sort(Comparator.comparing(Slo::id));
                return List.copyOf(next);
            });
        }
    }

    public synchronized void clear() {
        byId.clear();
        byService.clear();
    }

    public Optional<Slo> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The SLOs of {@code service}, by id. */
    public List<Slo> forService(String service) {
        return byService.getOrDefault(service, List.of());
    }

    /** Every SLO, by id. */
    public List<Slo> all() {
        List<Slo> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Slo::id));
        return all;
    }

    public Collection<String> services() {
        return List.copyOf(byService.keySet());
    }

    public int size() {
        return byId.size();
    }
}
