/*
 * Norwegian-aware search: a thin wrapper around Material's own search worker.
 *
 * Why: Material 9 builds its query by appending a trailing wildcard to every
 * word ("referatene" becomes "referatene*"), and Lunr never stems wildcard
 * terms. With the index stemmed (mkdocs.yml: search pipeline with "stemmer"),
 * "referat", "referatet" and "referatene" are all stored as "referat", so an
 * inflected query must be reduced to the same stem before Material adds its
 * wildcard. This file does exactly that and nothing else.
 *
 * How it is wired: overrides/main.html points the theme's worker address at
 * this file and passes Material's own worker file name in ?worker=. This file
 * lives in workers/ beside Material's, because Material's worker loads the
 * Norwegian stemmer from "../lunr/" relative to the worker's address.
 *
 * Message types are Material's: 0 = setup (carries the index and its config),
 * 2 = query (carries the query string).
 */
(function () {
  "use strict"

  var SETUP = 0
  var QUERY = 2

  // Material's worker file name, e.g. "search.a7633da7.min.js"; nothing else is accepted.
  var material = new URL(self.location.href).searchParams.get("worker") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error("search-no.js: unexpected worker name " + JSON.stringify(material))

  // Whether the index was built with the stemmer, and for which language.
  var stemIndex = false
  var language = null

  /* Reduce one typed word to the stem the index holds; leave operators alone. */
  function stemWord(word) {
    // Words carrying Lunr syntax (+must, -not, field:, fuzzy~, boost^, wild*) are the reader's own.
    if (!word || /[+\-:~^*"]/.test(word))
      return word
    var lunr = self.lunr
    var lang = lunr && lunr[language]
    if (!lang || typeof lang.stemmer !== "function")
      return word
    var token = new lunr.Token(word.toLowerCase(), {})
    var trimmed = typeof lang.trimmer === "function" ? lang.trimmer(token) : token
    if (!trimmed || !trimmed.toString())
      return word
    var stemmed = lang.stemmer(trimmed)
    var stem = stemmed ? stemmed.toString() : ""
    return stem || word
  }

  /* The query with every plain word replaced by its stem. Exported for tests. */
  function stemQuery(query) {
    if (!stemIndex || typeof query !== "string")
      return query
    // Keep quoted phrases and whitespace as typed; stem only the words outside them.
    return query.split(/("[^"]*")/).map(function (part, index) {
      if (index % 2 === 1)
        return part.replace(/[^\s"]+/g, stemWord)
      return part.replace(/\S+/g, stemWord)
    }).join("")
  }
  self.__stemQuery = stemQuery

  function rewrite(message) {
    if (!message || typeof message !== "object")
      return message
    if (message.type === SETUP) {
      var config = (message.data && message.data.config) || {}
      var langs = config.lang || []
      stemIndex = (config.pipeline || []).indexOf("stemmer") !== -1 && langs.length === 1
      language = langs[0] || null
      return message
    }
    if (message.type === QUERY)
      return Object.assign({}, message, { data: stemQuery(message.data) })
    return message
  }

  // Material's worker registers its message handler while it loads; wrap that
  // one registration so the handler sees the rewritten query.
  var register = self.addEventListener
  self.addEventListener = function (type, listener, options) {
    if (type !== "message")
      return register.call(self, type, listener, options)
    return register.call(self, type, function (event) {
      return listener({ data: rewrite(event.data) })
    }, options)
  }
  try {
    importScripts(material)
  } finally {
    self.addEventListener = register
  }
})()
