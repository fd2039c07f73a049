import time, re
from newsctl import names
from newsctl.parsers import page_dates, page_authors, html_page
def T(label, rx, s, fn="search"):
    t=time.perf_counter(); getattr(rx, fn)(s); print(f"{label}: {time.perf_counter()-t:.3f}s")
N=50000
D=names._DATED_BY
T("dated_by 1 + ' h'*N", D, "1" + " h"*(N//2) + " x")
T("dated_by ('1 may, ')*N", D, "1 may, "*(N//7) + "x")
T("dated_by 1 + ', '*N", D, "1" + ", "*(N//2) + "x")
T("dated_by 1 + '.. '*N", D, "1" + "..: "*(N//4) + "x")
T("dated_by digits+spaces", D, "1 "*(N//2))
T("dated_by 1 am am am", D, "1" + " a.m"*(N//4)+"x")
T("dated_by mixed", D, ("1 - " + "h. "*50)*(N//200)+"x")
T("text_date slashes", page_dates._TEXT_DATE, "1/"*(N//2))
T("text_date digits", page_dates._TEXT_DATE, "1 "*(N//2))
T("text_date mai", page_dates._TEXT_DATE, "1. mai "*(N//7))
T("zone_after_time", page_dates._ZONE_AFTER_TIME, "1:00 "*(N//5)+"x")
T("zone_after_time2", page_dates._ZONE_AFTER_TIME, "1:00:00 A.M. ("*(N//14)+"x")
T("author_page", page_authors._AUTHOR_PAGE, "/author/a"*(N//9)+"/x/y")
T("author_page2", page_authors._AUTHOR_PAGE, "/author/" + "a"*N + "/b/")
T("author_page3", page_authors._AUTHOR_PAGE, "/team/"*(N//6))
T("author_box_mark", page_authors._AUTHOR_BOX_MARK, "author-"*(N//7))
T("author_box_mark2", page_authors._AUTHOR_BOX_MARK, "about-the-"*(N//10))
T("about", page_authors._ABOUT, "about"+" "*N+"x")
T("beside", __import__('newsctl.parsers.page_evidence',fromlist=['x'])._BESIDE_MARK, "commentar"*(N//9))
