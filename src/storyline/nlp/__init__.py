"""The NLP stage: parse the article text of stored documents once with spaCy.

``parse_articles(documents)`` yields :class:`ParsedArticle` records (document, article text with its
offset map back to the stored text, spaCy Doc); ``load_pipeline()`` gives the spaCy pipeline with our
corrective components (possessives, titles and ranks, role phrases).
"""

from __future__ import annotations

from storyline.nlp.article import ArticlePart, ArticleText, article_text
from storyline.nlp.components import RolePhrase
from storyline.nlp.pipeline import DEFAULT_PIPELINE, PIPELINE_ENV, ParsedArticle, load_pipeline, parse_articles, pipeline_name

__all__ = [
    "DEFAULT_PIPELINE", "PIPELINE_ENV", "ArticlePart", "ArticleText", "ParsedArticle", "RolePhrase",
    "article_text", "load_pipeline", "parse_articles", "pipeline_name",
]
