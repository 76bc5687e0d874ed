package dev.cwo.examples.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) while a command runs: the first asks for a graceful stop (running requests
 * finish, results are saved, the command exits with {@link #EXIT_CODE}); a second stops the JVM at
 * once with the same code. A rerun resumes either way.
 *
 * <p>The JDK's own SIGINT handling starts the shutdown, where a second Ctrl-C does nothing, so this
 * installs a handler through {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in
 * every JDK from 9 to 25). It is reached reflectively so the build stays free of warnings; where it
 * is missing, {@link #install} returns a handler that is not {@link #installed()} and the JDK's
 * default (a shutdown, whose hooks still stop gracefully) applies. A process whose parent ignores
 * SIGINT keeps ignoring it (the JVM leaves ignored signals alone).
 *
 * <p>Thread-safe. Use one per run, and close it when the run ends to restore the previous handler.
 */
final class CtrlCHandler implements AutoCloseable {
  /** The exit code after Ctrl-C, graceful or not: 128 + SIGINT, as shells report it. */
  static final int EXIT_CODE = 130;

  private final AtomicInteger signals = new AtomicInteger();
  private final Runnable graceful;
  private final PrintWriter err;
  private final Object signal;
  private final Object previous;
  private final Method handle;

  private CtrlCHandler(Runnable graceful, PrintWriter err, boolean install) {
    this.graceful = graceful;
    this.err = err;
    Object sig = null;
    Object prev = null;
    Method m = null;
    if (install) {
      try {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        sig = signalClass.getConstructor(String.class).newInstance("INT");
        InvocationHandler onCall = (proxy, method, args) -> dispatch(proxy, method, args);
        Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onCall);
        m = signalClass.getMethod("handle", signalClass, handlerClass);
        prev = m.invoke(null, sig, handler);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        sig = null; // no sun.misc.Signal here, or SIGINT is taken: the JDK's default applies
        prev = null;
        m = null;
      }
    }
    this.signal = sig;
    this.previous = prev;
    this.handle = m;
  }

  /** Installs the handler; {@code graceful} runs once, on the signal's thread, at the first Ctrl-C. */
  static CtrlCHandler install(Runnable graceful, PrintWriter err) {
    return new CtrlCHandler(graceful, err, true);
  }

  private Object dispatch(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "handle":
        onSignal();
        return null;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "CtrlCHandler";
    }
  }

  /** What a SIGINT does; package-private so tests can drive it without a signal. */
  void onSignal() {
    if (signals.incrementAndGet() == 1) {
      err.println("cwo: stopping: running requests finish and results are saved (Ctrl-C again to stop at once)");
      err.flush();
      graceful.run();
    } else {
      err.println("cwo: stopped at once; a rerun resumes (at most the unsaved results are fetched again)");
      err.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }

  /** Whether Ctrl-C was pressed. */
  boolean interrupted() {
    return signals.get() > 0;
  }

  /** Whether the handler is in place (false where {@code sun.misc.Signal} is not available). */
  boolean installed() {
    return handle != null;
  }

  /** Puts the previous SIGINT handler back. */
  @Override
  public void close() {
    if (handle == null) return;
    try {
      handle.invoke(null, signal, previous);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // leaving ours in place is harmless: the run it served has ended
    }
  }
}
