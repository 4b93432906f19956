## Compiled into the widget, so it can name every language and say what it is doing before the
## rest of a language's texts (widget.ftl, errors.ftl) has loaded.
loading = 読み込み中…
language-name = 日本語
texts-failed = フォームの文言を { $url } から読み込めませんでした。接続を確認して、ページを再読み込みしてください。
