// The printable plan's button: the browser's own print dialog.
document.addEventListener('DOMContentLoaded', () => {
	document.querySelectorAll('[data-dk-print]').forEach((button) => button.addEventListener('click', () => window.print()));
});
