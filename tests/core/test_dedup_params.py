from gonerd.steps.dedup import lsh_bands


def test_lsh_bands_track_the_threshold():
    for threshold in (0.5, 0.7, 0.8, 0.9):
        bands, rows = lsh_bands(threshold)
        assert bands * rows <= 112
        assert abs((1 / bands) ** (1 / rows) - threshold) < 0.05
    assert lsh_bands(0.9)[1] > lsh_bands(0.5)[1]  # stricter thresholds need longer bands
