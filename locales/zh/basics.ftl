## Compiled into the widget, so it can name every language and say what it is doing before the
## rest of a language's texts (widget.ftl, errors.ftl) has loaded.
loading = 正在加载…
language-name = 中文
texts-failed = 无法从 { $url } 加载表单的文字。请检查网络连接并重新加载页面。
