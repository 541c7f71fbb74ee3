def expect_exact_path_match(self):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return self.funky_name in os.listdir(".")
