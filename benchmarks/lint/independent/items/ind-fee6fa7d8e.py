def rotate (self):
    (yr, mo, day, hr, min, sec, wd, jday, dst) = time.localtime(time.time())
    try:
        self.file.close()
        newname = '%s.ends%04d%02d%02d' % (self.filename, yr, mo, day)
        try:
            open(newname, "r").close()      # check if file exists
            newname += "-%02d%02d%02d" % (hr, min, sec)
        except:                             # YEAR_MONTH_DAY is unique
            pass
        os.rename(self.filename, newname)
        self.file = open(self.filename, self.mode)
    except:
        pass
