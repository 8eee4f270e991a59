// Package routing models inter-agency one-stop routes (một cửa liên thông): who handles a
// dossier, in which order, and how the procedure's single time limit is split between the
// agencies; and, when a dossier runs late, which agency must apologise.
package routing
