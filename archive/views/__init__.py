"""Pure rendering functions: model objects in, pages out.


Every function takes `here`, the source path of the page it renders for, and
links relative to it (archive/model/paths.py). Pages are made of headings and HTML
blocks (archive/views/pages.py); HTML is built by archive/views/html.py, so text from
minutes and data is escaped by construction, and Markdown written by people is
rendered and cleaned by archive/safety/markdown.py.
"""
