"""matching: images → templates → scores → decisions, for palm vein and face.

No I/O but model files and the shipped decision data; plain numpy arrays and bytes in and out.
Palm: ``palm`` (the facade: analyse, compare, fuse), ``palm_roi``, ``palm_code``, ``palm_template``,
``palm_index`` (1:N), ``palm_consistency``. Face: ``face_engine``, ``face_template``. Decisions:
``fusion``, ``decision_data`` (shipped thresholds). Development tools: ``evaluate`` (accuracy, with
subject-disjoint cross-validation in ``crossval``), ``calibrate`` (thresholds from out-of-fold scores).
"""
