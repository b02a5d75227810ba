// The pipeline board: drag a card onto another buying step to move the opportunity. The move goes to the
// same endpoint as each card's "Move to…" form (which works from the keyboard and without scripts); after
// a saved move the page reloads, so column totals and the forecast come from the server, never from
// arithmetic in the browser.
(function () {
	'use strict';

	document.addEventListener('change', function (event) {
		if (event.target.matches('select[data-autosubmit]')) {
			event.target.form.submit();
		}
	});

	var board = document.getElementById('board');
	if (!board) {
		return;
	}

	function csrf() {
		var token = document.querySelector('meta[name="_csrf"]');
		var header = document.querySelector('meta[name="_csrf_header"]');
		return (token && header) ? { header: header.content, token: token.content } : null;
	}

	function showError(text) {
		var box = document.getElementById('move-error');
		box.textContent = box.dataset.template.replace('{0}', text);
		box.classList.remove('d-none');
	}

	function move(card, stage) {
		if (card.dataset.stage === stage) {
			return Promise.resolve(false);
		}
		var body = new URLSearchParams();
		body.set('stage', stage);
		body.set('version', card.dataset.version);
		var headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'fetch' };
		var token = csrf();
		if (token) {
			headers[token.header] = token.token;
		}
		return fetch(board.dataset.move + card.dataset.id + '/move', {
			method: 'POST', headers: headers, body: body.toString(), credentials: 'same-origin'
		}).then(function (response) {
			if (response.ok) {
				window.location.reload();
				return true;
			}
			return response.text().then(function (text) { showError(text); return false; });
		});
	}

	var dragged = null;

	board.addEventListener('dragstart', function (event) {
		var card = event.target.closest('.dk-card');
		if (!card) {
			return;
		}
		dragged = card;
		card.classList.add('dk-dragging');
		event.dataTransfer.effectAllowed = 'move';
		event.dataTransfer.setData('text/plain', card.dataset.id);
	});

	board.addEventListener('dragend', function () {
		if (dragged) {
			dragged.classList.remove('dk-dragging');
		}
		board.querySelectorAll('.dk-over').forEach(function (zone) { zone.classList.remove('dk-over'); });
	});

	board.addEventListener('dragover', function (event) {
		var zone = event.target.closest('.dk-cards');
		if (zone) {
			event.preventDefault();
			event.dataTransfer.dropEffect = 'move';
			zone.classList.add('dk-over');
		}
	});

	board.addEventListener('dragleave', function (event) {
		var zone = event.target.closest('.dk-cards');
		if (zone && !zone.contains(event.relatedTarget)) {
			zone.classList.remove('dk-over');
		}
	});

	board.addEventListener('drop', function (event) {
		var zone = event.target.closest('.dk-cards');
		if (!zone) {
			return;
		}
		event.preventDefault();
		zone.classList.remove('dk-over');
		var id = event.dataTransfer.getData('text/plain');
		var card = document.getElementById('card-' + id) || dragged;
		if (card) {
			zone.prepend(card);
			move(card, zone.dataset.stage);
		}
	});
})();
