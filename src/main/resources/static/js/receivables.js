// The receivables reports' chart: bars (stacked for the aging) drawn from the figures the page's
// table shows, passed in data-chart; a click on a bar opens what it stands for, where it leads anywhere.
(function () {
	'use strict';

	var element = document.getElementById('receivables-chart');
	if (!element || typeof echarts === 'undefined') {
		return;
	}
	var COLOURS = ['#94a3b8', '#f2b8b5', '#e0796f', '#c2410c', '#7f1d1d'];
	var data = JSON.parse(element.dataset.chart);
	var chart = window.dakehuChart(element);
	window.addEventListener('resize', function () { chart.resize(); });
	var series = data.series.map(function (s, i) {
		return {
			type: 'bar', name: s.name, stack: data.stacked ? 'owed' : undefined,
			itemStyle: { color: data.stacked ? COLOURS[i % COLOURS.length] : (i === 0 ? '#e0796f' : '#b3261e') },
			data: s.data.map(function (value, index) {
				return (data.firstOverdue && index === 0) ? { value: Number(value), itemStyle: { color: '#7f1d1d' } } : Number(value);
			})
		};
	});
	chart.setOption({
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		legend: { top: 0, type: 'scroll', show: data.series.length > 1 },
		grid: { left: 8, right: 16, top: data.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
		xAxis: { type: 'category', data: data.categories,
			axisLabel: { interval: data.categories.length > 8 ? 'auto' : 0, rotate: data.categories.length > 6 ? 35 : 0 } },
		yAxis: { type: 'value' },
		series: series
	});
	chart.on('click', function (params) {
		var link = data.links[params.dataIndex];
		if (link) {
			window.location.href = link;
		}
	});
})();
