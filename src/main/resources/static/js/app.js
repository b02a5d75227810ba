// Sends the CSRF token with every htmx request, as Spring Security expects for state-changing calls.
document.addEventListener('htmx:configRequest', function (event) {
	var token = document.querySelector('meta[name="_csrf"]');
	var header = document.querySelector('meta[name="_csrf_header"]');
	if (token && header) {
		event.detail.headers[header.content] = token.content;
	}
});

// A menu marked data-autosubmit submits its form when a choice is made (the pipeline's filters, the
// forecast's team, the dashboard's run): one choice, one reload, no button to press.
document.addEventListener('change', function (event) {
	if (event.target.matches('select[data-autosubmit]')) {
		event.target.form.submit();
	}
});

// Table rows with data-href open their record, so the whole row is a target, not only the name.
document.addEventListener('click', function (event) {
	var row = event.target.closest('tr[data-href]');
	if (row && !event.target.closest('a, button, input, select')) {
		window.location = row.dataset.href;
	}
});

// Buttons with data-confirm ask before submitting their form.
document.addEventListener('submit', function (event) {
	var message = event.submitter && event.submitter.dataset.confirm;
	if (message && !window.confirm(message)) {
		event.preventDefault();
	}
});

// A form posted from a page is not posted again while the page waits for the answer. A browser may send a form a
// second time on a double click or an impatient second press of Save: a record without a duplicate check (an
// activity, a note) would be saved twice, and a new account's second post answers with the duplicate warning
// instead of the saved account (the server lets the two take turns, decision 0070). Forms htmx sends stay on
// their page and are left alone (htmx has taken their submit). A post answered with a file keeps the page, so its
// form may be sent again after a few seconds, and at once when the browser comes back to the page.
document.addEventListener('submit', function (event) {
	var form = event.target;
	if (event.defaultPrevented || form.method !== 'post') {
		return;
	}
	if (form.dataset.posted) {
		event.preventDefault();
		return;
	}
	form.dataset.posted = 'true';
	setTimeout(function () {
		delete form.dataset.posted;
	}, 5000);
});
window.addEventListener('pageshow', function () {
	document.querySelectorAll('form[data-posted]').forEach(function (form) {
		delete form.dataset.posted;
	});
});

// Pickers (picker.html): suggestions come from the module's endpoint through htmx; this
// code only chooses one, by mouse or keyboard (arrows, Enter, Escape), and keeps the ARIA combobox state right.
function pickerOptions(picker) {
	return Array.prototype.slice.call(picker.querySelectorAll('.dk-options [data-pick-id]'));
}

function closePicker(picker) {
	var box = picker.querySelector('[role=combobox]');
	picker.querySelector('.dk-options').innerHTML = '';
	box.setAttribute('aria-expanded', 'false');
	box.removeAttribute('aria-activedescendant');
}

function choose(option) {
	var picker = option.closest('[data-picker]');
	var box = picker.querySelector('[role=combobox]');
	if (picker.hasAttribute('data-picker-many')) {
		var chips = picker.querySelector('.dk-chips');
		var taken = Array.prototype.some.call(chips.querySelectorAll('input[type=hidden]'), function (input) {
			return input.value === option.dataset.pickId;
		});
		if (!taken) {
			var chip = document.createElement('li');
			chip.className = 'badge dk-chip';
			var value = document.createElement('input');
			value.type = 'hidden';
			value.name = picker.dataset.pickerName;
			value.value = option.dataset.pickId;
			var label = document.createElement('span');
			label.textContent = option.dataset.pickName;
			var remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'btn-close btn-close-white';
			remove.setAttribute('data-picker-remove', '');
			remove.setAttribute('aria-label', box.dataset.removeLabel + ' ' + option.dataset.pickName);
			chip.append(value, label, remove);
			chips.append(chip);
		}
		box.value = '';
	}
	else {
		var chosen = picker.querySelector('[data-picker-value]');
		chosen.value = option.dataset.pickId;
		box.value = option.dataset.pickName;
		// A list filtered by the picker (the owner filter) reloads on this.
		chosen.dispatchEvent(new Event('change', { bubbles: true }));
	}
	closePicker(picker);
	box.focus();
}

function highlight(picker, index) {
	var options = pickerOptions(picker);
	var box = picker.querySelector('[role=combobox]');
	options.forEach(function (option, i) {
		option.classList.toggle('active', i === index);
		option.setAttribute('aria-selected', i === index ? 'true' : 'false');
	});
	if (options[index]) {
		box.setAttribute('aria-activedescendant', options[index].id);
		options[index].scrollIntoView({ block: 'nearest' });
	}
}

document.addEventListener('htmx:afterSwap', function (event) {
	var picker = event.detail.target.closest && event.detail.target.closest('[data-picker]');
	if (!picker) {
		return;
	}
	var box = picker.querySelector('[role=combobox]');
	pickerOptions(picker).forEach(function (option, i) {
		option.id = box.id + '-option-' + i;
	});
	box.setAttribute('aria-expanded', event.detail.target.children.length > 0 ? 'true' : 'false');
	box.removeAttribute('aria-activedescendant');
});

document.addEventListener('click', function (event) {
	var option = event.target.closest('[data-picker] [data-pick-id]');
	if (option) {
		event.preventDefault();
		choose(option);
		return;
	}
	var remove = event.target.closest('[data-picker-remove]');
	if (remove) {
		var box = remove.closest('[data-picker]').querySelector('[role=combobox]');
		remove.closest('.dk-chip').remove();
		box.focus();
	}
});

document.addEventListener('input', function (event) {
	// A single picker's choice is what its box shows: typing something else un-chooses it.
	var picker = event.target.matches('[role=combobox]') && event.target.closest('[data-picker]');
	if (picker && !picker.hasAttribute('data-picker-many')) {
		var chosen = picker.querySelector('[data-picker-value]');
		if (chosen.value !== '') {
			chosen.value = '';
			chosen.dispatchEvent(new Event('change', { bubbles: true }));
		}
	}
});

document.addEventListener('keydown', function (event) {
	var picker = event.target.matches('[role=combobox]') && event.target.closest('[data-picker]');
	if (!picker) {
		return;
	}
	var options = pickerOptions(picker);
	var current = options.findIndex(function (option) {
		return option.classList.contains('active');
	});
	if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
		if (options.length > 0) {
			event.preventDefault();
			var step = event.key === 'ArrowDown' ? 1 : -1;
			highlight(picker, (current + step + options.length) % options.length);
		}
	}
	else if (event.key === 'Enter') {
		// Enter in a picker chooses; it never submits the form half-filled.
		event.preventDefault();
		if (options.length > 0) {
			choose(options[current >= 0 ? current : 0]);
		}
	}
	else if (event.key === 'Escape' && options.length > 0) {
		event.preventDefault();
		closePicker(picker);
	}
});

document.addEventListener('focusout', function (event) {
	var picker = event.target.closest && event.target.closest('[data-picker]');
	if (picker && !(event.relatedTarget && picker.contains(event.relatedTarget))) {
		// After the click on an option has been handled.
		setTimeout(function () {
			if (!picker.contains(document.activeElement)) {
				closePicker(picker);
			}
		}, 150);
	}
});

// Buttons with data-copy put the value of the field it names on the clipboard (a new API token, shown once).
document.addEventListener('click', function (event) {
	var button = event.target.closest('button[data-copy]');
	if (!button) {
		return;
	}
	var field = document.querySelector(button.dataset.copy);
	if (field) {
		field.select();
		if (navigator.clipboard) {
			navigator.clipboard.writeText(field.value);
		}
		else {
			document.execCommand('copy');
		}
	}
});

// Every chart of the product starts here. People who ask their system for less motion get charts drawn at once,
// without ECharts' entry animation (WCAG 2.3.3); the browser tests ask for it too.
window.dakehuChart = function (element) {
	var chart = echarts.init(element, null, { renderer: 'svg' });
	if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
		chart.setOption({ animation: false });
	}
	return chart;
};
