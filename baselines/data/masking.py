"""Dynamic masking for masked-language-model training, reproducible per example and resumable exactly."""

from __future__ import annotations

import hashlib

import torch


def pad_multiple(config) -> int | None:
    """Length multiple batches must be padded to for this architecture (Nyströmformer needs the exact length)."""
    if config.model_type == "nystromformer" and config.num_landmarks != config.segment_means_seq_len:
        return config.segment_means_seq_len
    return None


def example_seed(seed: int, epoch: int, index: int) -> int:
    """A 63-bit seed that depends only on (seed, epoch, example index)."""
    digest = hashlib.blake2b(f"{seed}:{epoch}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & (2**63 - 1)


class MaskingCollator:
    """Dynamic MLM masking (80% mask token / 10% random token / 10% kept) whose randomness is a function of
    (seed, epoch, example index) only: each example gets its own ``torch.Generator``.

    The global torch RNG is never used, so masks do not depend on what else drew from it (dropout, the order in
    which the Trainer fetches batches and restores RNG states when it resumes): a run resumed from a checkpoint
    masks exactly as the uninterrupted run. Examples carry their dataset position in ``"index"`` (as
    :func:`baselines.data.packing.training_data` gives them); ``epoch`` is set by
    :class:`baselines.training.EpochCallback` (evaluation keeps a collator of its own at epoch 0). Examples
    without an index fall back to one generator seeded with ``seed`` (deterministic for a fresh run, but not
    resumable exactly).
    """

    def __init__(self, tokenizer, mlm_probability: float = 0.15, pad_to_multiple_of: int | None = None, seed: int = 0):
        from transformers import DataCollatorForLanguageModeling

        self.inner = DataCollatorForLanguageModeling(
            tokenizer, mlm_probability=mlm_probability, pad_to_multiple_of=pad_to_multiple_of
        )
        self.tokenizer = tokenizer
        self.pad_to_multiple_of = pad_to_multiple_of
        self.seed = int(seed)
        self.epoch = 0
        self._fallback: torch.Generator | None = None

    def __call__(self, examples: list[dict]) -> dict[str, torch.Tensor]:
        from transformers.data.data_collator import pad_without_fast_tokenizer_warning

        indices = [example.get("index") for example in examples]
        features = [{k: v for k, v in example.items() if k != "index"} for example in examples]
        if any(index is None for index in indices):
            if self._fallback is None:
                self._fallback = torch.Generator().manual_seed(self.seed)
            self.inner.generator = self._fallback
            try:
                return self.inner.torch_call(features)
            finally:
                self.inner.generator = None
        # Each example is masked on its own (unpadded) tokens with its own generator, then the batch is padded:
        # its mask depends neither on the other examples nor on the batch's length.
        labels = []
        try:
            for feature, index in zip(features, indices, strict=True):
                self.inner.generator = torch.Generator().manual_seed(example_seed(self.seed, self.epoch, int(index)))
                ids, lab = self.inner.torch_mask_tokens(torch.as_tensor(feature["input_ids"]).unsqueeze(0).clone())
                feature["input_ids"] = ids[0].tolist()
                labels.append(lab[0])
        finally:
            self.inner.generator = None
        batch = pad_without_fast_tokenizer_warning(
            self.tokenizer, features, return_tensors="pt", pad_to_multiple_of=self.pad_to_multiple_of
        )
        batch.pop("special_tokens_mask", None)
        length = batch["input_ids"].size(1)
        padded = torch.full((len(labels), length), -100, dtype=torch.long)
        for row, lab in enumerate(labels):
            if self.tokenizer.padding_side == "left":
                padded[row, length - lab.numel() :] = lab
            else:
                padded[row, : lab.numel()] = lab
        batch["labels"] = padded
        return batch


def mlm_collator(tokenizer, config, mlm_probability: float = 0.15, seed: int = 0) -> MaskingCollator:
    """Dynamic masking (80/10/10) from (seed, epoch, example index), with the padding the architecture needs."""
    return MaskingCollator(tokenizer, mlm_probability=mlm_probability, pad_to_multiple_of=pad_multiple(config),
                           seed=seed)
