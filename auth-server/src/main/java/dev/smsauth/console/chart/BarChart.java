package dev.smsauth.console.chart;

import java.util.List;

/**
 * A bar chart as inline SVG, written on the server (no script, no library, nothing from a CDN):
 * one group of bars per category, side by side or stacked, with a value axis, category labels, a
 * legend, a {@code <title>} per bar (the browser's tooltip) and {@code role="img"} with an
 * {@code aria-label} for screen readers. Colours come from console.css through each series' class.
 */
public final class BarChart {

	static final int WIDTH = 720;

	static final int HEIGHT = 260;

	static final int LEFT = 58;

	static final int RIGHT = 12;

	static final int TOP = 30;

	static final int BOTTOM = 44;

	private BarChart() {
	}

	/**
	 * @param label what the chart shows, for screen readers and as the SVG's title
	 * @param categories the x axis (days, providers, calling codes)
	 * @param unit appended to values in tooltips and on the axis ("%", or "")
	 */
	public static String render(String label, List<String> categories, List<Series> series, boolean stacked, String unit) {
		double max = 0;
		for (int i = 0; i < categories.size(); i++) {
			double sum = 0;
			for (Series s : series) {
				double v = s.values().get(i);
				sum = stacked ? sum + v : Math.max(sum, v);
			}
			max = Math.max(max, sum);
		}
		double top = "%".equals(unit) ? 100 : Svg.niceMax(max);
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		StringBuilder svg = Frame.open(label);
		Frame.valueAxis(svg, top, unit);
		Frame.legend(svg, series);
		int n = Math.max(1, categories.size());
		double band = plotWidth / n;
		double groupWidth = Math.min(band * 0.72, 80);
		int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
		for (int i = 0; i < categories.size(); i++) {
			String category = categories.get(i);
			double groupX = LEFT + band * i + (band - groupWidth) / 2;
			double barWidth = stacked ? groupWidth : groupWidth / series.size();
			double base = TOP + plotHeight;
			for (int s = 0; s < series.size(); s++) {
				Series one = series.get(s);
				double value = one.values().get(i);
				double h = value / top * plotHeight;
				double x = stacked ? groupX : groupX + barWidth * s;
				double y = base - h;
				svg.append("<rect class=\"bar ").append(Svg.escape(one.cssClass())).append("\" x=\"").append(Svg.n(x))
					.append("\" y=\"").append(Svg.n(y)).append("\" width=\"").append(Svg.n(Math.max(1, barWidth - 1)))
					.append("\" height=\"").append(Svg.n(h)).append("\"><title>").append(Svg.escape(category))
					.append(" · ").append(Svg.escape(one.name())).append(": ").append(Svg.value(value))
					.append(Svg.escape(unit)).append("</title></rect>");
				if (stacked) {
					base = y;
				}
			}
			if (i % labelEvery == 0) {
				svg.append("<text class=\"tick\" x=\"").append(Svg.n(LEFT + band * i + band / 2)).append("\" y=\"")
					.append(HEIGHT - BOTTOM + 20).append("\" text-anchor=\"middle\">").append(Svg.escape(category))
					.append("</text>");
			}
		}
		return svg.append("</svg>").toString();
	}

}
