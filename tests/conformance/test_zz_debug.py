from conformance_compare import num
def test_debug(generated):
    case = generated
    for run_id, run in case.expected.runs().items():
        exp = case.expected.histories(run)
        ours = {key: sorted({(int(s), int(t), num(v)) for s, t, v in zip(h.steps, h.timestamps, h.values)}) for key, h in case.imported.histories[run_id].items()}
        for k in set(exp) | set(ours):
            if exp.get(k) != ours.get(k):
                print(run.info.run_name, k, "\n MLFLOW", exp.get(k), "\n OURS  ", ours.get(k))
    assert 0
