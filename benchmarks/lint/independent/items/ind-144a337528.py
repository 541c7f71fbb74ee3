# leaving some without non-deprecated spellings that work on both
# 2.7 and 3.2
warnings.filterwarnings("ignore", category=DeprecationWarning,
                        message="Please use assert.* instead")
warnings.filterwarnings("ignore", category=PendingDeprecationWarning,
                        message="Please use assert.* instead")
# Twisted 15.0.0 triggers some warnings on py3 with -bb.
warnings.filterwarnings("ignore", category=BytesWarning,
                        module=r"twisted\..*")
