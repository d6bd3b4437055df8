package dev.spotsim.simulator.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a raw socket, for requests no HTTP client would send: the request is
 * written on its own thread while the answer is read, so a server that answers before reading the
 * whole body is still heard.
 */
record RawExchange(int status, String head, String body, boolean answered) {

    /** Sends {@code request} as it is and reads until the server closes or {@code deadline} passes. */
    static RawExchange send(int port, byte[] request, Duration deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            Thread writer = new Thread(() -> write(socket, request), "raw-writer");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readUntilClosed(socket, deadline);
            return parse(answer);
        }
    }

    static RawExchange send(int port, String request, Duration deadline) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), deadline);
    }

    private static void write(Socket socket, byte[] request) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int off = 0; off < request.length; off += 64 * 1024) {
                out.write(request, off, Math.min(64 * 1024, request.length - off));
            }
            out.flush();
        } catch (IOException e) {
            // The server may close first (it answered, or refused): what it sent is read on the other side.
        }
    }

    private static byte[] readUntilClosed(Socket socket, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < end) {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(end - System.nanoTime()).toMillis()));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                break; // a reset after the answer: keep what arrived
            }
            if (n < 0) {
                break;
            }
            answer.write(buf, 0, n);
            if (complete(answer.toByteArray())) {
                break;
            }
        }
        return answer.toByteArray();
    }

    /** True once a whole answer with a Content-Length (or none needed) has arrived; a chunked one waits for close. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
        if (head.startsWith("http/1.1 100")) {
            return complete(text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
        }
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return bytes.length - headEnd - 4 >= length;
            }
        }
        return false;
    }

    private static RawExchange parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        while (text.startsWith("HTTP/1.1 100")) {
            int end = text.indexOf("\r\n\r\n");
            text = end < 0 ? "" : text.substring(end + 4);
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headEnd < 0) {
            return new RawExchange(0, text, "", false);
        }
        String head = text.substring(0, headEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        return new RawExchange(status, head, text.substring(headEnd + 4), true);
    }

    /** The value of a header of the answer, or null. */
    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
