package dev.cwo.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A loopback socket server that misbehaves on purpose: resets, or answers with a cut body. */
final class RawServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  private RawServer(boolean truncate) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> serve(truncate), "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Reads each request, then resets the connection without answering. */
  static RawServer resets() {
    return create(false);
  }

  /** Answers 200 with {@code Content-Length: 100} but only 20 bytes, then closes. */
  static RawServer truncatedAnswers() {
    return create(true);
  }

  private static RawServer create(boolean truncate) {
    try {
      return new RawServer(truncate);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  private void serve(boolean truncate) {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        readHead(s.getInputStream());
        if (truncate) {
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 100\r\n\r\n[\"Acura\",\"Alfa Rom")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } else {
          s.setSoLinger(true, 0); // RST instead of FIN
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
