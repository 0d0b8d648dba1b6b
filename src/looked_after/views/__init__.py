"""Children in care pages, one module a subject. Thin: forms in, one service call, redirect;
lists read `queries`."""
