// The pipeline board. A drop on another buying step chooses that step in the card's own "Move to…" form and
// submits it, so dragging and the menu take one path: htmx posts the move with the board's filter, and the
// server answers with the two columns concerned and the totals, drawn again under that filter and swapped in
// where they stand (column figures never come from arithmetic in the browser). Without scripts the form posts
// and the server sends the reader back to the board as it was filtered.
(function () {
	'use strict';

	var board = document.getElementById('board');
	if (!board) {
		return;
	}
	var error = document.getElementById('move-error');

	function isMove(event) {
		return event.detail.elt && event.detail.elt.matches && event.detail.elt.matches('form.dk-move');
	}

	document.body.addEventListener('htmx:afterRequest', function (event) {
		if (isMove(event) && event.detail.successful) {
			error.classList.add('d-none');
		}
	});

	// A refused move: say why, and draw the two columns again as the server has them.
	document.body.addEventListener('htmx:responseError', function (event) {
		if (!isMove(event)) {
			return;
		}
		var form = event.detail.elt;
		error.textContent = error.dataset.template.replace('{0}', event.detail.xhr.responseText);
		error.classList.remove('d-none');
		var card = form.closest('.dk-card');
		[card && card.dataset.stage, form.elements.stage.value].forEach(function (stage) {
			var column = stage && document.getElementById('column-' + stage);
			if (column) {
				htmx.trigger(column, 'dk-reload');
			}
		});
	});

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
		var zone = event.target.closest('.dk-drop');
		if (zone) {
			event.preventDefault();
			event.dataTransfer.dropEffect = 'move';
			zone.classList.add('dk-over');
		}
	});

	board.addEventListener('dragleave', function (event) {
		var zone = event.target.closest('.dk-drop');
		if (zone && !zone.contains(event.relatedTarget)) {
			zone.classList.remove('dk-over');
		}
	});

	board.addEventListener('drop', function (event) {
		var zone = event.target.closest('.dk-drop');
		if (!zone) {
			return;
		}
		event.preventDefault();
		zone.classList.remove('dk-over');
		var id = event.dataTransfer.getData('text/plain');
		var card = document.getElementById('card-' + id) || dragged;
		if (!card || card.dataset.stage === zone.dataset.stage) {
			return;
		}
		zone.prepend(card);
		var form = card.querySelector('form.dk-move');
		form.elements.stage.value = zone.dataset.stage;
		form.requestSubmit();
	});
})();
