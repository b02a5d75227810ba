package io.dakehu.service.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dakehu.service.SatisfactionPoint;

/**
 * The trend of satisfaction scores (1–5, oldest first) drawn as a small inline SVG line:
 * 5 at the top, 1 at the bottom, the scores spread evenly across; a single score sits in
 * the middle. Drawn on the server, so the data card needs no chart script.
 *
 * @param points the polyline's points, "x,y x,y …"
 * @param dots each score's place, for a dot with its own tooltip
 */
record Sparkline(int width, int height, String points, List<Dot> dots) {

	static final int WIDTH = 160;

	static final int HEIGHT = 40;

	static final int PAD = 4;

	static Sparkline of(List<SatisfactionPoint> trend) {
		List<Dot> dots = new ArrayList<>();
		int n = trend.size();
		for (int i = 0; i < n; i++) {
			double x = (n == 1) ? WIDTH / 2.0 : PAD + i * (WIDTH - 2.0 * PAD) / (n - 1);
			double y = PAD + (5 - trend.get(i).score()) * (HEIGHT - 2.0 * PAD) / 4;
			dots.add(new Dot(number(x), number(y), trend.get(i)));
		}
		String points = String.join(" ", dots.stream().map((dot) -> dot.x() + "," + dot.y()).toList());
		return new Sparkline(WIDTH, HEIGHT, points, dots);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	record Dot(String x, String y, SatisfactionPoint point) {
	}

}
