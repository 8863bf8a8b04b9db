"""natasha's news NER (slovnet's CNN + CRF tagger) with its own weights, run on one flat array.

slovnet's numpy executor pads a batch of texts to the longest one and computes each
convolution by copying every window of three tokens into a new matrix before one matrix
product (two thirds of the NER's time went into that copy and that product). Here the
texts of a batch lie one after the other in a single (tokens, features) array, separated
by as many zero rows as the convolution pads with, so that a convolution is three matrix
products over shifted views of the same array: no window copies and no padding to the
longest text. Embeddings, projection and the CRF decoder are slovnet's own code.

The arithmetic is the same but the order of the sums inside a convolution is not, so
scores differ from slovnet's in the last bits of a float32; the tags agreed on every text
of the team's corpora, the dev set and factRuEval-2016 (tests/test_slovnet_flat.py).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


class FlatCNNTagger:
    """BIO tags for lists of words, from a loaded `slovnet` NER infer object
    (`natasha.NewsNERTagger(...).infer`)."""

    def __init__(self, infer, crf_batch_size: int = 8):
        model = infer.model
        self.embed = model.emb
        self.crf = model.head.crf
        self.proj_weight = model.head.proj.weight.array
        self.proj_bias = model.head.proj.bias.array
        self.tags_vocab = infer.decoder.tags_vocab
        self.word_pad = infer.encoder.words_vocab.pad_id
        self.shape_pad = infer.encoder.shapes_vocab.pad_id
        self.crf_batch_size = crf_batch_size
        self.layers = []
        for layer in model.encoder.layers:
            weight = layer.conv.weight.array  # filters x in x kernel
            # one (in x filters) matrix per kernel offset, contiguous for BLAS
            taps = [np.ascontiguousarray(weight[:, :, j].T) for j in range(weight.shape[2])]
            norm = layer.norm
            self.layers.append((taps, layer.conv.bias.array, layer.conv.padding,
                                norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array))
        self.gap = max(padding for _, _, padding, *_ in self.layers)
        encoder = infer.encoder
        # word -> (word id, shape id): slovnet computes both in Python for every token
        self.ids = lru_cache(maxsize=200_000)(
            lambda word: tuple(v[0] for v in encoder.item([word])))

    def __call__(self, texts: list[list[str]]) -> list[list[str]]:
        """The tags of each list of words (an empty list for an empty one)."""
        if not any(texts):
            return [[] for _ in texts]
        gap = self.gap
        starts, row = [], gap
        for words in texts:
            starts.append(row)
            row += len(words) + gap
        rows = row
        word_id = np.full(rows, self.word_pad, dtype=np.int64)
        shape_id = np.full(rows, self.shape_pad, dtype=np.int64)
        token = np.zeros(rows, dtype=bool)
        for start, words in zip(starts, texts):
            if words:
                ids = [self.ids(word) for word in words]
                word_id[start:start + len(words)] = [w for w, _ in ids]
                shape_id[start:start + len(words)] = [s for _, s in ids]
                token[start:start + len(words)] = True
        x = self.embed(word_id, shape_id)  # the pad ids embed to zero rows
        x[~token] = 0
        for taps, bias, padding, mean, std, weight, shift in self.layers:
            inner = rows - 2 * padding
            out = np.zeros((rows, len(bias)), dtype=x.dtype)
            conv = x[0:inner] @ taps[0]
            for j in range(1, len(taps)):
                conv += x[j:j + inner] @ taps[j]
            conv += bias
            np.maximum(conv, 0, out=conv)  # ReLU
            out[padding:padding + inner] = (conv - mean) / std * weight + shift  # BatchNorm, as slovnet
            out[~token] = 0  # padding stays zero, as slovnet's mask makes it after each layer
            x = out
        emissions = x @ self.proj_weight + self.proj_bias
        return self._decode(emissions, starts, [len(words) for words in texts])

    def _decode(self, emissions, starts, lengths) -> list[list[str]]:
        """slovnet's CRF over batches of texts of similar length, padded like slovnet's."""
        tags: list[list[str]] = [[] for _ in lengths]
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        for at in range(0, len(order), self.crf_batch_size):
            group = order[at:at + self.crf_batch_size]
            longest = max(lengths[i] for i in group)
            batch = np.zeros((len(group), longest, emissions.shape[1]), dtype=emissions.dtype)
            mask = np.zeros((len(group), longest), dtype=bool)
            for n, i in enumerate(group):
                batch[n, :lengths[i]] = emissions[starts[i]:starts[i] + lengths[i]]
                mask[n, :lengths[i]] = True
            for i, best in zip(group, self.crf.decode(batch, mask)):
                tags[i] = [self.tags_vocab.decode(tag) for tag in best]
        return tags
