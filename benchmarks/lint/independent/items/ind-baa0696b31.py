@unittest.skipIf(TRAVIS, "")
@retry_before_failing()
def test_vmem_free(self):
    vmstat_val = vm_stat("free")
    psutil_val = psutil.virtual_memory().free
    self.assertAlmostEqual(psutil_val, vmstat_val, delta=MEMORY_TOLERANCE)
