"""Convert-Then-Distill baselines: conversion, continued pretraining, distillation, fine-tuning and evaluation."""
