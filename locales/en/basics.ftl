## Compiled into the widget, so it can name every language and say what it is doing before the
## rest of a language's texts (widget.ftl, errors.ftl) has loaded.
loading = Loading…
language-name = English
texts-failed = The form's texts could not be loaded from { $url }. Check your connection and reload the page.
