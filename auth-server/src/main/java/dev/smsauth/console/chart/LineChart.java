package dev.smsauth.console.chart;

import java.util.List;

/**
 * A line chart as inline SVG, like {@link BarChart}: a point per category that has a value (null:
 * nothing to measure that day, no point), joined by a line, each point with a {@code <title>}.
 */
public final class LineChart {

	private LineChart() {
	}

	/** Values in percent (axis 0 to 100) when {@code unit} is "%". */
	public static String render(String label, List<String> categories, String seriesName, String cssClass,
			List<Double> values, String unit) {
		double max = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
		double top = "%".equals(unit) ? 100 : Svg.niceMax(max);
		double plotWidth = BarChart.WIDTH - BarChart.LEFT - BarChart.RIGHT;
		double plotHeight = BarChart.HEIGHT - BarChart.TOP - BarChart.BOTTOM;
		StringBuilder svg = Frame.open(label);
		Frame.valueAxis(svg, top, unit);
		Frame.legend(svg, List.of(new Series(seriesName, cssClass, List.of())));
		int n = Math.max(1, categories.size());
		double band = plotWidth / n;
		int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
		StringBuilder line = new StringBuilder();
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < categories.size(); i++) {
			double x = BarChart.LEFT + band * i + band / 2;
			Double value = values.get(i);
			if (value != null) {
				double y = BarChart.TOP + plotHeight - value / top * plotHeight;
				line.append(line.isEmpty() ? "" : " ").append(Svg.n(x)).append(',').append(Svg.n(y));
				points.append("<circle class=\"point ").append(Svg.escape(cssClass)).append("\" cx=\"").append(Svg.n(x))
					.append("\" cy=\"").append(Svg.n(y)).append("\" r=\"3.5\"><title>")
					.append(Svg.escape(categories.get(i))).append(" · ").append(Svg.escape(seriesName)).append(": ")
					.append(Svg.value(value)).append(Svg.escape(unit)).append("</title></circle>");
			}
			if (i % labelEvery == 0) {
				svg.append("<text class=\"tick\" x=\"").append(Svg.n(x)).append("\" y=\"")
					.append(BarChart.HEIGHT - BarChart.BOTTOM + 20).append("\" text-anchor=\"middle\">")
					.append(Svg.escape(categories.get(i))).append("</text>");
			}
		}
		if (!line.isEmpty()) {
			svg.append("<polyline class=\"line ").append(Svg.escape(cssClass)).append("\" points=\"").append(line)
				.append("\"/>");
		}
		return svg.append(points).append("</svg>").toString();
	}

}
