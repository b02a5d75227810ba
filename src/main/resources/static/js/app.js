// Sends the CSRF token with every htmx request, as Spring Security expects for state-changing calls.
document.addEventListener('htmx:configRequest', function (event) {
	var token = document.querySelector('meta[name="_csrf"]');
	var header = document.querySelector('meta[name="_csrf_header"]');
	if (token && header) {
		event.detail.headers[header.content] = token.content;
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

// Picking a suggested parent account fills the hidden id and the visible name.
document.addEventListener('click', function (event) {
	var option = event.target.closest('[data-pick-id]');
	if (!option) {
		return;
	}
	event.preventDefault();
	var target = option.closest('[data-picker]');
	target.querySelector('input[type=hidden]').value = option.dataset.pickId;
	target.querySelector('input[type=search]').value = option.dataset.pickName;
	target.querySelector('.dk-options').innerHTML = '';
});
