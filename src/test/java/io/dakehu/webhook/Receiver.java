package io.dakehu.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on 127.0.0.1 for the tests: it keeps every request and answers the
 * statuses it was told to, one per request, then 200.
 */
final class Receiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<Integer> answers = new ArrayDeque<>();

	private Receiver(HttpServer server) {
		this.server = server;
	}

	static Receiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		Receiver receiver = new Receiver(server);
		server.createContext("/", receiver::handle);
		server.start();
		return receiver;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	/** The next requests answer these statuses, in order; later ones 200. */
	synchronized void answer(Integer... statuses) {
		this.answers.clear();
		this.answers.addAll(List.of(statuses));
	}

	/** What arrived about the given account, in order. */
	List<Request> about(long accountId) {
		return about("Account", accountId);
	}

	/** What arrived about the given record, in order. */
	List<Request> about(String recordType, long recordId) {
		return this.requests.stream()
			.filter((r) -> r.json().get("record").get("type").asString().equals(recordType)
					&& r.json().get("record").get("id").asLong() == recordId)
			.toList();
	}

	List<Request> all() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		int status;
		synchronized (this) {
			Integer next = this.answers.poll();
			status = (next != null) ? next : 200;
		}
		this.requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Dakehu-Event-Id"),
				exchange.getRequestHeaders().getFirst("X-Dakehu-Event"),
				exchange.getRequestHeaders().getFirst("X-Dakehu-Timestamp"),
				exchange.getRequestHeaders().getFirst("X-Dakehu-Signature"), body, status));
		byte[] answer = ((status == 200) ? "thanks" : "down for maintenance").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(String eventId, String event, String timestamp, String signature, String body, int answered) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
