// The segmentation dashboard: draws every chart from /dashboard/data (labels come with the data, in the
// reader's language) and makes each chart open the accounts behind what was clicked. SVG rendering keeps
// the charts crisp and lets browser tests find the shapes.
(function () {
	'use strict';

	var TIER_COLOURS = { VIP: '#7f1d1d', MAJOR: '#b3261e', ORDINARY: '#e0796f', SMALL: '#cbd5e1' };
	var ABC_COLOURS = { A: '#b3261e', B: '#f59e0b', C: '#94a3b8' };
	var VG_COLOURS = { VIP: '#7f1d1d', BZ: '#f59e0b', NEW: '#0284c7', MGC: '#16a34a', STABLE: '#64748b' };

	var root = document.getElementById('dashboard');
	if (!root || typeof echarts === 'undefined') {
		return;
	}

	// Tooltips render their formatter's text as HTML: every name and label in it goes through ECharts' own
	// HTML encoder, so an account called <img onerror=…> shows as text. (String templates such as '{b}' and the
	// chart labels, drawn as SVG text, are escaped by ECharts already.)
	var esc = echarts.format.encodeHTML;

	function chart(id) {
		var element = document.getElementById(id);
		var instance = window.dakehuChart(element);
		window.addEventListener('resize', function () { instance.resize(); });
		return instance;
	}

	// ECharts media queries (evaluated against the chart's own width, again on every resize): on a phone
	// the options below replace the wide layout's, so legends, axis names and labels keep out of each other.
	var PHONE = { maxWidth: 480 };

	function responsive(wide, phone) {
		return { baseOption: wide, media: [{ query: PHONE, option: phone }] };
	}

	function go(url) {
		window.location.assign(url);
	}

	function accounts(param, code) {
		go(root.dataset.accounts + '&' + param + '=' + encodeURIComponent(code));
	}

	function money(value) {
		return Number(value).toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 0 });
	}

	function percent(value) {
		return (value * 100).toFixed(1) + '%';
	}

	function pyramid(data) {
		var instance = chart('chart-pyramid');
		var max = Math.max.apply(null, data.pyramid.map(function (t) { return t.count; }).concat([1]));
		instance.setOption({
			tooltip: { trigger: 'item', formatter: function (p) { return esc(p.data.label) + ': ' + esc(p.data.count); } },
			series: [{
				type: 'funnel', sort: 'none', left: '5%', right: '5%', top: 10, bottom: 10, gap: 3, min: 0, max: max,
				minSize: '22%', maxSize: '100%', funnelAlign: 'center',
				label: { show: true, position: 'inside', color: '#fff', fontWeight: 600,
					formatter: function (p) { return p.data.label + '  ' + p.data.count; } },
				data: data.pyramid.map(function (t) {
					// Funnel widths follow the tier's place, not its count, so the shape stays a pyramid and
					// the small VIP layer is still big enough to click.
					var width = { VIP: 0.25, MAJOR: 0.5, ORDINARY: 0.75, SMALL: 1 }[t.code] * max;
					return { name: t.code, value: width, code: t.code, label: t.label, count: t.count,
						itemStyle: { color: TIER_COLOURS[t.code] } };
				})
			}]
		});
		instance.on('click', function (p) { accounts('tier', p.data.code); });
	}

	function pareto(data) {
		var instance = chart('chart-pareto');
		var labels = data.labels;
		instance.setOption({
			grid: { left: 50, right: 20, top: 30, bottom: 40 },
			tooltip: { trigger: 'axis', formatter: function (items) {
				var p = items[0];
				return esc(labels['chart.customerShare']) + ': ' + esc(percent(p.value[0])) + '<br>' +
					esc(labels['chart.valueShare']) + ': ' + esc(percent(p.value[1]));
			} },
			xAxis: { type: 'value', min: 0, max: 1, name: labels['chart.customerShare'], nameLocation: 'middle', nameGap: 26,
				axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } } },
			yAxis: { type: 'value', min: 0, max: 1, name: labels['chart.valueShare'],
				axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } } },
			series: [{
				type: 'line', name: labels['chart.pareto'], data: data.pareto.points, showSymbol: false, smooth: false,
				lineStyle: { color: '#b3261e', width: 3 }, areaStyle: { color: 'rgba(179,38,30,0.08)' }, triggerLineEvent: true,
				markLine: { silent: true, symbol: 'none', lineStyle: { color: '#94a3b8', type: 'dashed' },
					label: { position: 'insideStartTop', formatter: labels['chart.headline'].replace('{0}', percent(data.pareto.customerShareFor80)) },
					data: [[{ coord: [0, 0.8] }, { coord: [data.pareto.customerShareFor80, 0.8] }],
						[{ coord: [data.pareto.customerShareFor80, 0], label: { show: false } },
							{ coord: [data.pareto.customerShareFor80, 0.8] }]] }
			}, {
				type: 'line', name: labels['chart.diagonal'], data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
				lineStyle: { color: '#cbd5e1', type: 'dotted' }
			}]
		});
		// A click on the curve opens the ABC class of that stretch of customers.
		instance.getZr().on('click', function (event) {
			var point = instance.convertFromPixel({ seriesIndex: 0 }, [event.offsetX, event.offsetY]);
			if (!point || point[0] < 0 || point[0] > 1) {
				return;
			}
			var share = point[0];
			accounts('abc', share <= data.pareto.aShare ? 'A' : (share <= data.pareto.abShare ? 'B' : 'C'));
		});
	}

	function abc(data) {
		var instance = chart('chart-abc');
		instance.setOption(responsive({
			tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
			legend: { bottom: 0 },
			series: [{
				type: 'pie', radius: ['45%', '72%'], center: ['50%', '45%'], avoidLabelOverlap: true,
				label: { formatter: '{b}\n{c}' },
				data: data.abc.map(function (c) {
					return { name: c.label, value: c.count, code: c.code, itemStyle: { color: ABC_COLOURS[c.code] } };
				})
			}]
		}, {
			// The legend names the classes; the slices show only their counts.
			legend: { bottom: 0, itemGap: 8 },
			series: [{ radius: ['38%', '62%'], center: ['50%', '42%'], label: { position: 'inside', formatter: '{c}' } }]
		}));
		instance.on('click', function (p) { accounts('abc', p.data.code); });
	}

	function valueGrowth(data) {
		var instance = chart('chart-value-growth');
		var labels = data.labels;
		var classes = ['VIP', 'BZ', 'NEW', 'MGC', 'STABLE'];
		instance.setOption(responsive({
			grid: { left: 60, right: 50, top: 40, bottom: 40 },
			legend: { top: 0 },
			tooltip: { trigger: 'item', formatter: function (p) {
				return esc(p.data.name) + '<br>' + esc(labels['chart.value']) + ': ' + esc(money(p.data.value[0])) +
					'<br>' + esc(labels['chart.growth']) + ': ' +
					esc(p.data.isNew ? labels['chart.new'] : percent(p.data.value[1]));
			} },
			xAxis: { type: 'log', name: labels['chart.value'], nameLocation: 'middle', nameGap: 26,
				axisLabel: { formatter: function (v) { return money(v); } } },
			yAxis: { type: 'value', name: labels['chart.growth'], max: 3,
				axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } } },
			series: classes.map(function (code) {
				return {
					type: 'scatter', name: labels['valueGrowth.' + code], symbolSize: 9,
					itemStyle: { color: VG_COLOURS[code], opacity: 0.8 },
					data: data.scatter.filter(function (p) { return p.class === code && p.amount > 0; }).map(function (p) {
						return { name: p.name, id: p.id, isNew: p.isNew, value: [p.amount, p.growth] };
					})
				};
			})
		}, {
			// Five legend entries take two lines on a phone: a scrolling legend keeps to one.
			legend: { top: 0, type: 'scroll' },
			grid: { left: 44, right: 16, top: 44, bottom: 44 },
			xAxis: { nameGap: 30, axisLabel: { hideOverlap: true, fontSize: 10 } },
			yAxis: { nameTextStyle: { align: 'left' }, axisLabel: { fontSize: 10 } }
		}));
		instance.on('click', function (p) { go(root.dataset.account + p.data.id); });
	}

	function migration(data) {
		var instance = chart('chart-migration');
		var m = data.migration;
		if (!m.from) {
			instance.setOption({ title: { text: data.labels['chart.noPrevious'], left: 'center', top: 'middle',
				textStyle: { color: '#6b7280', fontSize: 13, fontWeight: 'normal' } } });
			return;
		}
		var max = Math.max.apply(null, m.cells.map(function (c) { return c[2]; }).concat([1]));
		instance.setOption(responsive({
			grid: { left: 80, right: 20, top: 10, bottom: 50 },
			tooltip: { formatter: function (p) {
				return esc(m.fromNames[p.data[1]]) + ' → ' + esc(m.toNames[p.data[0]]) + ': ' + esc(p.data[2]);
			} },
			xAxis: { type: 'category', data: m.toNames, name: m.fromLabel + ' → ' + m.toLabel, nameLocation: 'middle',
				nameGap: 30, splitArea: { show: true } },
			yAxis: { type: 'category', data: m.fromNames, inverse: true, splitArea: { show: true } },
			visualMap: { min: 0, max: max, show: false, inRange: { color: ['#fde2e1', '#b3261e'] } },
			series: [{ type: 'heatmap', data: m.cells, label: { show: true } }]
		}, {
			// Five tier names do not fit side by side on a phone: slanted, below a taller gap.
			grid: { left: 70, right: 8, top: 10, bottom: 80 },
			xAxis: { axisLabel: { interval: 0, rotate: 35, fontSize: 10 }, nameGap: 56 },
			yAxis: { axisLabel: { fontSize: 10 } }
		}));
		instance.on('click', function (p) {
			go(root.dataset.migration + '?from=' + m.from + '&to=' + m.to + '&fromTier=' + m.fromCodes[p.data[1]] +
				'&toTier=' + m.toCodes[p.data[0]]);
		});
	}

	function bars(id, items, label, colour) {
		var element = document.getElementById(id);
		if (!element.classList.contains('dk-chart-tall')) {
			// Short lists get short charts instead of a few fat bars.
			element.style.height = Math.min(460, 70 + 32 * items.length) + 'px';
		}
		var instance = chart(id);
		var rows = items.slice().reverse();
		instance.setOption(responsive({
			grid: { left: 10, right: 40, top: 10, bottom: 10, containLabel: true },
			tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + ' · ' + esc(label) + ': ' + esc(money(p.value)); } },
			xAxis: { type: 'value', axisLabel: { formatter: function (v) { return money(v); } } },
			yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }),
				axisLabel: { width: 160, overflow: 'truncate' } },
			series: [{ type: 'bar', barMaxWidth: 22, data: rows.map(function (r) {
				return { value: r.value, id: r.id, itemStyle: { color: colour(r) } };
			}) }]
		}, {
			// Names get less room so the bars keep some; amounts only where they do not overlap.
			grid: { right: 16 },
			xAxis: { axisLabel: { hideOverlap: true, fontSize: 10 } },
			yAxis: { axisLabel: { width: 96, fontSize: 10 } }
		}));
		instance.on('click', function (p) { go(root.dataset.account + p.data.id); });
		return instance;
	}

	fetch(root.dataset.src, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
		.then(function (response) { return response.json(); })
		.then(function (data) {
			pyramid(data);
			pareto(data);
			abc(data);
			valueGrowth(data);
			migration(data);
			bars('chart-top', data.top, data.labels['chart.value'], function (r) { return TIER_COLOURS[r.tier]; });
			if (data.costDrivers.length === 0) {
				var empty = document.getElementById('chart-cost');
				empty.classList.add('dk-chart-empty');
				empty.textContent = root.dataset.noCostDrivers || '';
			}
			else {
				bars('chart-cost', data.costDrivers, data.labels['chart.netProfit'], function () { return '#f59e0b'; });
			}
			root.dataset.rendered = 'true';
		});
})();
