"""natasha's news NER and syntax parser (slovnet's CNN encoders) with their own weights, run on
one flat array.

slovnet's numpy executor pads a batch of texts to the longest one and computes each
convolution by copying every window of three tokens into a new matrix before one matrix
product (two thirds of the NER's time went into that copy and that product). Here the
texts of a batch lie one after the other in a single (tokens, features) array, separated
by as many zero rows as the convolution pads with, so that a convolution is three matrix
products over shifted views of the same array: no window copies and no padding to the
longest text. Embeddings, the NER's projection and CRF decoder and the parser's head and
relation scorers are slovnet's own code.

The arithmetic is the same but the order of the sums inside a convolution is not, so
scores differ from slovnet's in the last bits of a float32; tags, heads and relations agree
with slovnet's on every Russian text of the team's corpora and of factRuEval-2016
(tests/test_speedups.py).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


class FlatCNNEncoder:
    """slovnet's word+shape embedding and CNN encoder (`model.emb`, `model.encoder`) over
    lists of words laid end to end: one (rows, features) array and where each list starts."""

    def __init__(self, model, encoder):
        self.embed = model.emb
        self.word_pad = encoder.words_vocab.pad_id
        self.shape_pad = encoder.shapes_vocab.pad_id
        self.layers = []
        for layer in model.encoder.layers:
            weight = layer.conv.weight.array  # filters x in x kernel
            # one (in x filters) matrix per kernel offset, contiguous for BLAS
            taps = [np.ascontiguousarray(weight[:, :, j].T) for j in range(weight.shape[2])]
            norm = layer.norm
            self.layers.append((taps, layer.conv.bias.array, layer.conv.padding,
                                norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array))
        self.gap = max(padding for _, _, padding, *_ in self.layers)
        # word -> (word id, shape id): slovnet computes both in Python for every token
        self.ids = lru_cache(maxsize=200_000)(lambda word: tuple(v[0] for v in encoder.item([word])))

    def __call__(self, texts: list[list[str]]) -> tuple[np.ndarray, list[int]]:
        gap = self.gap
        starts, rows = [], gap
        for words in texts:
            starts.append(rows)
            rows += len(words) + gap
        word_id = np.full(rows, self.word_pad, dtype=np.int64)
        shape_id = np.full(rows, self.shape_pad, dtype=np.int64)
        token = np.zeros(rows, dtype=bool)
        for start, words in zip(starts, texts):
            if words:
                ids = [self.ids(word) for word in words]
                word_id[start:start + len(words)] = [w for w, _ in ids]
                shape_id[start:start + len(words)] = [s for _, s in ids]
                token[start:start + len(words)] = True
        blank = ~token
        x = self.embed(word_id, shape_id)  # the pad ids embed to zero rows
        x[blank] = 0
        for taps, bias, padding, mean, std, weight, shift in self.layers:
            inner = rows - 2 * padding
            out = np.zeros((rows, len(bias)), dtype=x.dtype)
            conv = x[0:inner] @ taps[0]
            for j in range(1, len(taps)):
                conv += x[j:j + inner] @ taps[j]
            conv += bias
            np.maximum(conv, 0, out=conv)  # ReLU
            out[padding:padding + inner] = (conv - mean) / std * weight + shift  # BatchNorm, as slovnet
            out[blank] = 0  # padding stays zero, as slovnet's mask makes it after each layer
            x = out
        return x, starts


def _padded_groups(rows: np.ndarray, starts: list[int], lengths: list[int], size: int):
    """Texts of similar length in groups of `size`, each as slovnet pads a batch: (indexes,
    rows padded with zeros to the longest, mask of the real tokens)."""
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
    for at in range(0, len(order), size):
        group = order[at:at + size]
        longest = max(lengths[i] for i in group)
        batch = np.zeros((len(group), longest, rows.shape[1]), dtype=rows.dtype)
        mask = np.zeros((len(group), longest), dtype=bool)
        for n, i in enumerate(group):
            batch[n, :lengths[i]] = rows[starts[i]:starts[i] + lengths[i]]
            mask[n, :lengths[i]] = True
        yield group, batch, mask


class FlatCNNTagger:
    """BIO tags for lists of words, from a loaded `slovnet` NER infer object
    (`natasha.NewsNERTagger(...).infer`)."""

    def __init__(self, infer, batch_size: int = 8):
        self.encode = FlatCNNEncoder(infer.model, infer.encoder)
        self.crf = infer.model.head.crf
        self.proj_weight = infer.model.head.proj.weight.array
        self.proj_bias = infer.model.head.proj.bias.array
        self.tags_vocab = infer.decoder.tags_vocab
        self.batch_size = batch_size

    def __call__(self, texts: list[list[str]]) -> list[list[str]]:
        """The tags of each list of words (an empty list for an empty one)."""
        tags: list[list[str]] = [[] for _ in texts]
        if not any(texts):
            return tags
        x, starts = self.encode(texts)
        emissions = x @ self.proj_weight + self.proj_bias
        # slovnet's CRF over texts of similar length (padded emissions are masked out)
        for group, batch, mask in _padded_groups(emissions, starts, [len(w) for w in texts], self.batch_size):
            for i, best in zip(group, self.crf.decode(batch, mask)):
                tags[i] = [self.tags_vocab.decode(tag) for tag in best]
        return tags


class FlatSyntaxParser:
    """natasha's syntax parser on the flat encoder: for each list of words, each word's head
    (1-based position in the list, 0 for the root) and its UD relation, as slovnet decodes
    them. From `natasha.NewsSyntaxParser(...).infer`."""

    def __init__(self, infer, batch_size: int = 8):
        self.encode = FlatCNNEncoder(infer.model, infer.encoder)
        self.model = infer.model
        self.rels_vocab = infer.decoder.rels_vocab
        self.batch_size = batch_size

    def __call__(self, texts: list[list[str]]) -> list[list[tuple[int, str]]]:
        parses: list[list[tuple[int, str]]] = [[] for _ in texts]
        if not any(texts):
            return parses
        x, starts = self.encode(texts)
        lengths = [len(w) for w in texts]
        head_model, rel_model = self.model.head, self.model.rel
        for group, batch, mask in _padded_groups(x, starts, lengths, self.batch_size):
            # slovnet's Syntax.__call__ and SyntaxInfer.process after the encoder
            heads = head_model.decode(head_model(batch), mask)
            rels = rel_model.decode(rel_model(batch, heads), mask)
            for n, i in enumerate(group):
                parses[i] = [(int(head), self.rels_vocab.decode(rel))
                             for head, rel in zip(heads[n, :lengths[i]], rels[n, :lengths[i]])]
        return parses
