import java.sql.*; import java.util.*; import java.util.concurrent.*;
import org.postgresql.PGConnection; import org.postgresql.PGNotification;
public class PgjdbcListenerProbe {
  public static void main(String[] a) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + a[0] + "/postgres?user=postgres";
    // -Dprompt=true: listen as the hub's bus does, through PromptPeekSocketFactory (hub-adapter-persistence on -cp)
    String listenUrl = Boolean.getBoolean("prompt") ? url + "&socketFactory=network.dpc.hub.adapter.persistence.PromptPeekSocketFactory" : url; int rate = Integer.parseInt(a[1]);
    Connection l = DriverManager.getConnection(listenUrl); l.setAutoCommit(true); l.createStatement().execute("LISTEN probe");
    PGConnection pg = l.unwrap(PGConnection.class);
    List<Integer> batches = Collections.synchronizedList(new ArrayList<>()); List<Long> lat = Collections.synchronizedList(new ArrayList<>()); List<Long> exe = Collections.synchronizedList(new ArrayList<>());
    Thread t = Thread.ofPlatform().daemon(true).start(() -> { try { while (true) { PGNotification[] ns = pg.getNotifications(Integer.parseInt(System.getProperty("wait", "100")));
      if (ns != null) batches.add(ns.length); if (ns != null) for (PGNotification n : ns) { java.time.Instant now = java.time.Instant.now(); lat.add(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - Long.parseLong(n.getParameter())); } } } catch (Exception e) { e.printStackTrace(); } });
    int senders = Integer.getInteger("senders", 4); ExecutorService ex = Executors.newFixedThreadPool(senders); List<Connection> cs = new ArrayList<>();
    for (int i = 0; i < senders; i++) { Connection c = DriverManager.getConnection(url); c.createStatement().execute("SET synchronous_commit=off"); cs.add(c); }
    long start = System.nanoTime(); int sent = 0; int secs = 8;
    while (System.nanoTime() - start < secs * 1_000_000_000L) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      while (sent < due) { Connection c = cs.get(sent % senders); int s = sent++; ex.submit(() -> { synchronized (c) { try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('probe', ?)")) { long t0 = System.nanoTime(); java.time.Instant now = java.time.Instant.now(); ps.setString(1, Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000)); ps.execute(); exe.add((System.nanoTime() - t0) / 1000); } catch (SQLException e) { e.printStackTrace(); } } }); }
      Thread.sleep(1);
    }
    Thread.sleep(500);
    List<Long> s = new ArrayList<>(lat); Collections.sort(s);
    System.out.printf("rate %d: received %d/%d p50 %.2f ms p90 %.2f ms p99 %.2f ms%n", rate, s.size(), sent, s.get(s.size()/2)/1000.0, s.get((int)(s.size()*0.9))/1000.0, s.get((int)(s.size()*0.99))/1000.0);
    List<Long> e = new ArrayList<>(exe); Collections.sort(e); System.out.printf("execute p50 %.2f ms p90 %.2f p99 %.2f%n", e.get(e.size()/2)/1000.0, e.get((int)(e.size()*0.9))/1000.0, e.get((int)(e.size()*0.99))/1000.0); System.out.printf("%d batches, %.2f notifications each%n", batches.size(), batches.stream().mapToInt(x -> x).average().orElse(0)); System.exit(0);
  }
}
