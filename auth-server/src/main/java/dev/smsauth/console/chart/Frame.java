package dev.smsauth.console.chart;

import java.util.List;

/** What every chart has: the SVG element, the value axis with grid lines, and the legend. */
final class Frame {

	private Frame() {
	}

	static StringBuilder open(String label) {
		return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
			.append(BarChart.WIDTH).append(' ').append(BarChart.HEIGHT).append("\" aria-label=\"").append(Svg.escape(label))
			.append("\"><title>").append(Svg.escape(label)).append("</title>");
	}

	/** Five grid lines from 0 to {@code top}, labelled. */
	static void valueAxis(StringBuilder svg, double top, String unit) {
		double plotHeight = BarChart.HEIGHT - BarChart.TOP - BarChart.BOTTOM;
		for (int i = 0; i <= 4; i++) {
			double value = top * i / 4;
			double y = BarChart.TOP + plotHeight - plotHeight * i / 4;
			svg.append("<line class=\"").append(i == 0 ? "axis" : "grid").append("\" x1=\"").append(BarChart.LEFT)
				.append("\" x2=\"").append(BarChart.WIDTH - BarChart.RIGHT).append("\" y1=\"").append(Svg.n(y))
				.append("\" y2=\"").append(Svg.n(y)).append("\"/>");
			svg.append("<text class=\"tick\" x=\"").append(BarChart.LEFT - 6).append("\" y=\"").append(Svg.n(y + 4))
				.append("\" text-anchor=\"end\">").append(Svg.value(value)).append(Svg.escape(unit)).append("</text>");
		}
	}

	static void legend(StringBuilder svg, List<Series> series) {
		double x = BarChart.LEFT;
		for (Series one : series) {
			svg.append("<rect class=\"key ").append(Svg.escape(one.cssClass())).append("\" x=\"").append(Svg.n(x))
				.append("\" y=\"6\" width=\"14\" height=\"14\"/>");
			svg.append("<text class=\"legend\" x=\"").append(Svg.n(x + 19)).append("\" y=\"19\">")
				.append(Svg.escape(one.name())).append("</text>");
			x += 36 + one.name().length() * 8.5;
		}
	}

}
