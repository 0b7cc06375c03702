package dev.vigil.alerting.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluator keeps per SLO besides its counts: what it counts (service and signature, so
 * that a changed definition starts afresh), when it last saw traffic (wall clock, for no-data),
 * and which of its alerts are firing.
 */
public record SloState(String service, long signature, boolean hadTraffic, long lastTrafficWallMs, List<String> firing) {

    private static final byte VERSION = 1;

    public SloState {
        firing = List.copyOf(firing);
    }

    public static SloState fresh(String service, long signature) {
        return new SloState(service, signature, false, 0, List.of());
    }

    public SloState withTraffic(long wallMs) {
        return new SloState(service, signature, true, wallMs, firing);
    }

    public SloState withFiring(List<String> fps) {
        return new SloState(service, signature, hadTraffic, lastTrafficWallMs, fps);
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(service);
            out.writeLong(signature);
            out.writeBoolean(hadTraffic);
            out.writeLong(lastTrafficWallMs);
            out.writeShort(firing.size());
            for (String fp : firing) {
                out.writeUTF(fp);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SloState decode(byte[] b) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("unknown SLO state version");
            }
            String service = in.readUTF();
            long signature = in.readLong();
            boolean had = in.readBoolean();
            long last = in.readLong();
            int n = in.readShort();
            List<String> fps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                fps.add(in.readUTF());
            }
            return new SloState(service, signature, had, last, fps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
