// Package astro computes the instants the lunisolar calendar is built on: the true new moons
// (Meeus, Astronomical Algorithms, 2nd ed., ch. 49, with all periodic terms and the fourteen
// planetary arguments) and the Sun's apparent longitude (ch. 25 "higher accuracy": VSOP87 as
// truncated in Appendix III, conversion to FK5, nutation ch. 22 and aberration), with ΔT from the
// Espenak–Meeus polynomial expressions (NASA eclipse web site) to go from dynamical time to UT.
//
// Instants are Julian Days as float64: JDE in Terrestrial (dynamical) Time, JD in Universal Time.
package astro

import "math"

const (
	deg = math.Pi / 180
	// J2000 is the Julian Ephemeris Day of 2000 January 1.5 TT.
	J2000 = 2451545.0
	// jdOfDateZero is the Julian Day of 0001-01-01 00:00 UT (proleptic Gregorian), the origin of
	// github.com/rickb777/date/v2 day numbers.
	jdOfDateZero = 1721425.5
)

// NewMoon returns the JDE (TT) of the true new moon of lunation k (k = 0 is the new moon of
// 2000 January 6; k must be an integer value). Meeus ch. 49.
func NewMoon(k float64) float64 {
	t := k / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + 29.530588861*k + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	m := (2.5534 + 29.10535670*k - 0.0000014*t2 - 0.00000011*t3) * deg
	mp := (201.5643 + 385.81693528*k + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4) * deg
	f := (160.7108 + 390.67050284*k - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4) * deg
	om := (124.7746 - 1.56375588*k + 0.0020672*t2 + 0.00000215*t3) * deg

	c := -0.40720*math.Sin(mp) +
		0.17241*e*math.Sin(m) +
		0.01608*math.Sin(2*mp) +
		0.01039*math.Sin(2*f) +
		0.00739*e*math.Sin(mp-m) -
		0.00514*e*math.Sin(mp+m) +
		0.00208*e*e*math.Sin(2*m) -
		0.00111*math.Sin(mp-2*f) -
		0.00057*math.Sin(mp+2*f) +
		0.00056*e*math.Sin(2*mp+m) -
		0.00042*math.Sin(3*mp) +
		0.00042*e*math.Sin(m+2*f) +
		0.00038*e*math.Sin(m-2*f) -
		0.00024*e*math.Sin(2*mp-m) -
		0.00017*math.Sin(om) -
		0.00007*math.Sin(mp+2*m) +
		0.00004*math.Sin(2*mp-2*f) +
		0.00004*math.Sin(3*m) +
		0.00003*math.Sin(mp+m-2*f) +
		0.00003*math.Sin(2*mp+2*f) -
		0.00003*math.Sin(mp+m+2*f) +
		0.00003*math.Sin(mp-m+2*f) -
		0.00002*math.Sin(mp-m-2*f) -
		0.00002*math.Sin(3*mp+m) +
		0.00002*math.Sin(4*mp)

	a := [14]float64{
		299.77 + 0.107408*k - 0.009173*t2,
		251.88 + 0.016321*k,
		251.83 + 26.651886*k,
		349.42 + 36.412478*k,
		84.66 + 18.206239*k,
		141.74 + 53.303771*k,
		207.14 + 2.453732*k,
		154.84 + 7.306860*k,
		34.52 + 27.261239*k,
		207.19 + 0.121824*k,
		291.34 + 1.844379*k,
		161.72 + 24.198154*k,
		239.56 + 25.513099*k,
		331.55 + 3.592518*k,
	}
	coef := [14]float64{325, 165, 164, 126, 110, 62, 60, 56, 47, 42, 40, 37, 35, 23}
	var p float64
	for i := range a {
		p += coef[i] * math.Sin(a[i]*deg)
	}
	return jde + c + p*1e-6
}

// LunationNear returns the lunation number k whose new moon is nearest to jde.
func LunationNear(jde float64) float64 {
	return math.Round((jde - 2451550.09766) / 29.530588861)
}

// DeltaT returns TT − UT in seconds for a decimal year, from the Espenak–Meeus polynomial
// expressions (valid as published from −1999 to 3000; the long-term parabola outside).
func DeltaT(y float64) float64 {
	switch {
	case y < -500 || y >= 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	case y < 500:
		u := y / 100
		return poly(u, 10583.6, -1014.41, 33.78311, -5.952053, -0.1798452, 0.022174192, 0.0090316521)
	case y < 1600:
		u := (y - 1000) / 100
		return poly(u, 1574.2, -556.01, 71.23472, 0.319781, -0.8503463, -0.005050998, 0.0083572073)
	case y < 1700:
		t := y - 1600
		return poly(t, 120, -0.9808, -0.01532, 1.0/7129)
	case y < 1800:
		t := y - 1700
		return poly(t, 8.83, 0.1603, -0.0059285, 0.00013336, -1.0/1174000)
	case y < 1860:
		t := y - 1800
		return poly(t, 13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272, -0.0000001699, 0.000000000875)
	case y < 1900:
		t := y - 1860
		return poly(t, 7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0/233174)
	case y < 1920:
		t := y - 1900
		return poly(t, -2.79, 1.494119, -0.0598939, 0.0061966, -0.000197)
	case y < 1941:
		t := y - 1920
		return poly(t, 21.20, 0.84493, -0.076100, 0.0020936)
	case y < 1961:
		t := y - 1950
		return poly(t, 29.07, 0.407, -1.0/233, 1.0/2547)
	case y < 1986:
		t := y - 1975
		return poly(t, 45.45, 1.067, -1.0/260, -1.0/718)
	case y < 2005:
		t := y - 2000
		return poly(t, 63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599)
	case y < 2050:
		t := y - 2000
		return poly(t, 62.92, 0.32217, 0.005589)
	default: // 2050 ≤ y < 2150
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	}
}

// poly evaluates c[0] + c[1]x + c[2]x² + … by Horner's rule.
func poly(x float64, c ...float64) float64 {
	var s float64
	for i := len(c) - 1; i >= 0; i-- {
		s = s*x + c[i]
	}
	return s
}

// decimalYear is the approximate decimal (Gregorian) year of a Julian Day, precise enough for ΔT.
func decimalYear(jd float64) float64 {
	return 2000 + (jd-J2000)/365.2425
}

// ToUT converts a JDE (TT) to a JD (UT) with ΔT.
func ToUT(jde float64) float64 {
	return jde - DeltaT(decimalYear(jde))/86400
}

// LocalDay returns the day number (days since 0001-01-01, as github.com/rickb777/date/v2 counts)
// of the civil day containing the instant jd (UT) in a zone offsetHours east of Greenwich.
func LocalDay(jd float64, offsetHours int) int64 {
	return int64(math.Floor(jd + float64(offsetHours)/24 - jdOfDateZero))
}

// SunApparentLongitude returns the Sun's apparent geocentric longitude in degrees [0, 360), referred
// to the true equinox of the date, at the instant jde (TT). Meeus ch. 25 (higher accuracy), 32, 22.
func SunApparentLongitude(jde float64) float64 {
	tau := (jde - J2000) / 365250
	t := tau * 10
	l := series(tau, earthL[:]...)
	b := series(tau, earthB[:]...)
	r := series(tau, earthR[:]...)
	// Geocentric: the Sun is opposite the Earth.
	lon := l/deg + 180
	lat := -b / deg
	// Conversion to the FK5 system (Meeus 25.9).
	lp := (lon - 1.397*t - 0.00031*t*t) * deg
	lon += (-0.09033 + 0.03916*(math.Cos(lp)+math.Sin(lp))*math.Tan(lat*deg)) / 3600
	// Nutation in longitude and aberration.
	lon += Nutation(t)/3600 - 20.4898/3600/r
	return norm360(lon)
}

// Nutation returns the nutation in longitude Δψ in arcseconds for t Julian centuries from J2000
// (Meeus ch. 22, the terms above 0.2″; accurate to about 0.5″, that is about 12 s of solar motion).
func Nutation(t float64) float64 {
	om := (125.04452 - 1934.136261*t + 0.0020708*t*t + t*t*t/450000) * deg
	ls := (280.4665 + 36000.7698*t) * deg
	lm := (218.3165 + 481267.8813*t) * deg
	return -17.20*math.Sin(om) - 1.32*math.Sin(2*ls) - 0.23*math.Sin(2*lm) + 0.21*math.Sin(2*om)
}

// series evaluates a VSOP87 variable: Σ τ^i Σ A cos(B + Cτ), scaled by 1e-8.
func series(tau float64, powers ...[]term) float64 {
	var s, tp float64 = 0, 1
	for _, p := range powers {
		var v float64
		for _, x := range p {
			v += x.a * math.Cos(x.b+x.c*tau)
		}
		s += v * tp
		tp *= tau
	}
	return s * 1e-8
}

func norm360(x float64) float64 {
	x = math.Mod(x, 360)
	if x < 0 {
		x += 360
	}
	return x
}

// SolarLongitudeTime returns the JDE (TT) at which the Sun's apparent longitude equals lon degrees,
// searching from the estimate jde0 (which must be within a few days of the answer).
func SolarLongitudeTime(lon, jde0 float64) float64 {
	jde := jde0
	for range 20 {
		d := lon - SunApparentLongitude(jde)
		d = math.Mod(d+540, 360) - 180 // to (−180, 180]
		step := d * 365.2422 / 360
		jde += step
		if math.Abs(step) < 1e-7 {
			break
		}
	}
	return jde
}
