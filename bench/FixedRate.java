// A small open-loop HTTP/1.1 client (wrk2 is not available here): GET URL at a fixed total rate over
// a fixed number of keep-alive connections, each request's latency measured from the moment it was
// scheduled to be sent (so a stall counts against every request it delays, not just the first).
// Prints one line: "requests p50 p90 p99 errors", latencies in ms. The first second is warm-up and not counted.
// Usage: java bench/FixedRate.java URL RATE SECONDS CONNECTIONS
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

public class FixedRate {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int perConnection = (int) Math.round(rate * (seconds + 1) / connections);
        long intervalNanos = (long) (1e9 * connections / rate);
        byte[] request = ("GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUser-Agent: spotsim-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long[][] latencies = new long[connections][perConnection];
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime() + 100_000_000L;
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int conn = c;
            threads[c] = new Thread(() -> {
                long offset = start + conn * intervalNanos / connections;
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000); // a hung server ends the run instead of stalling it
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    for (int i = 0; i < perConnection; i++) {
                        long scheduled = offset + i * intervalNanos;
                        long wait;
                        while ((wait = scheduled - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        out.flush();
                        if (readResponse(in) / 100 != 2) {
                            errors.incrementAndGet();
                        }
                        latencies[conn][i] = System.nanoTime() - scheduled;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("connection " + conn + ": " + e);
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        int warm = (int) Math.round(rate / connections); // the first second of each connection
        long[] all = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l, Math.min(warm, l.length), l.length)).filter(v -> v > 0).sorted().toArray();
        System.out.printf("%d %.3f %.3f %.3f %d%n", all.length, pct(all, 50), pct(all, 90), pct(all, 99), errors.get());
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    /** Reads one response (Content-Length or chunked body); returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                skip(in, size + 2);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return code;
    }

    static void skip(InputStream in, long n) throws IOException {
        for (long left = n; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("connection closed mid-body");
            }
        }
    }

    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int ch; (ch = in.read()) != '\n'; ) {
            if (ch < 0) {
                throw new IOException("connection closed");
            }
            if (ch != '\r') {
                b.append((char) ch);
            }
        }
        return b.toString();
    }
}
