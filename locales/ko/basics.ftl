## Compiled into the widget, so it can name every language and say what it is doing before the
## rest of a language's texts (widget.ftl, errors.ftl) has loaded.
loading = 불러오는 중…
language-name = 한국어
texts-failed = { $url }에서 양식의 문구를 불러오지 못했습니다. 연결을 확인하고 페이지를 새로 고치세요.
