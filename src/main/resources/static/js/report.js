// The funnel chart: the company-wide funnel (targets → medium/high intention → closed) and each
// salesperson's counts and sales side by side, drawn from /reports/funnel/data in the reader's language.
(function () {
	'use strict';

	var element = document.getElementById('funnel-chart');
	if (!element || typeof echarts === 'undefined') {
		return;
	}
	var COLOURS = ['#cbd5e1', '#e0796f', '#b3261e'];

	fetch(element.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
		.then(function (response) { return response.json(); })
		.then(function (data) {
			var chart = window.dakehuChart(element);
			window.addEventListener('resize', function () { chart.resize(); });
			var names = data.people.map(function (p) { return p.name; });
			var series = data.stages.map(function (stage, i) {
				return {
					type: 'bar', name: stage, xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: COLOURS[i] },
					data: data.people.map(function (p) { return p.counts[i]; })
				};
			});
			series.push({
				type: 'line', name: data.salesLabel, xAxisIndex: 0, yAxisIndex: 1, symbolSize: 8,
				itemStyle: { color: '#1f2937' }, data: data.people.map(function (p) { return Number(p.sales); })
			});
			series.push({
				type: 'funnel', name: data.companiesLabel, left: '2%', width: '28%', top: 40, bottom: 20, sort: 'none',
				minSize: '20%', label: { position: 'inside', color: '#fff', fontWeight: 600,
					formatter: function (p) { return p.name + '\n' + p.value; } },
				data: data.stages.map(function (stage, i) {
					return { name: stage, value: data.total[i], itemStyle: { color: COLOURS[i] === '#cbd5e1' ? '#94a3b8' : COLOURS[i] } };
				})
			});
			chart.setOption({
				tooltip: { trigger: 'item' },
				legend: { top: 0, left: '34%' },
				grid: { left: '36%', right: 60, top: 40, bottom: 30 },
				xAxis: [{ type: 'category', data: names }],
				yAxis: [{ type: 'value', name: data.companiesLabel }, { type: 'value', name: data.salesLabel }],
				series: series
			});
		});
})();
